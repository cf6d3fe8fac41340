import { readFileSync } from 'node:fs';
import { rememberSecret } from '../../log';
import { LoginInputError } from './loginErrors';

/** Largest secret file read, in bytes; JWTs are a few KiB, secret IDs 36 bytes. */
const MAX_SECRET_BYTES = 64 * 1024;

/**
 * Reads a secret (secret ID, JWT) from a file, trimmed of surrounding whitespace such as the
 * trailing newline that `echo` and Kubernetes projections leave. `what` names the file in
 * messages (`jwt_file`); the content never appears in one.
 */
export function readSecretFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LoginInputError(`cannot read the ${what} ${path}: ${code}; fix the path or the file's permissions`, { cause: error });
  }

  if (Buffer.byteLength(text) > MAX_SECRET_BYTES) {
    throw new LoginInputError(`the ${what} ${path} is larger than ${MAX_SECRET_BYTES} bytes, so it is not a secret ID or a JWT`);
  }

  const secret = text.trim();
  if (secret === '') {
    throw new LoginInputError(`the ${what} ${path} is empty`);
  }

  rememberSecret(secret);
  return secret;
}
