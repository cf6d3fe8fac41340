import { VaultAwsError } from '../errors';
import { redact, UNSAFE_CHARACTERS } from '../log';

export type VaultFailureKind = 'http' | 'connection' | 'timeout' | 'tls' | 'proxy' | 'invalid-response' | 'redirect';

/** A Vault request that failed; `message` is secret-free and names the method, path and address. */
export class VaultRequestError extends VaultAwsError {
  readonly kind: VaultFailureKind;
  readonly method: string;
  /** The API path without `/v1/`, such as `aws/sts/s3_access`. */
  readonly path: string;
  readonly address: string;
  readonly status: number | undefined;
  /** Vault's `errors` entries, each on one line. */
  readonly vaultErrors: string[];

  constructor(details: {
    kind: VaultFailureKind;
    method: string;
    path: string;
    address: string;
    status?: number;
    vaultErrors?: string[];
    detail: string;
    cause?: unknown;
  }) {
    super(`${details.method} ${details.path} at ${details.address} failed: ${details.detail}`, { cause: details.cause });
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.address = details.address;
    this.status = details.status;
    this.vaultErrors = (details.vaultErrors ?? []).map(redact);
  }

  /** Vault's 403 bodies differ by version and cause; a token problem contains "invalid token". */
  get isInvalidToken(): boolean {
    return this.status === 403 && this.vaultErrors.some((text) => text.includes('invalid token'));
  }

  get isPermissionDenied(): boolean {
    return this.status === 403 && !this.isInvalidToken;
  }
}

/** Maximum `errors` entries kept, and maximum characters kept of each: enough for any real Vault response. */
const MAX_ERRORS = 5;
const MAX_ERROR_LENGTH = 300;

/**
 * Turns Vault's `errors` entries into single readable lines: `1 error occurred:\n\t* permission
 * denied\n\n` becomes `permission denied`. Control and direction characters become spaces, and
 * overlong responses are cut, saying how much was left out.
 */
export function readableVaultErrors(errors: unknown): string[] {
  if (!Array.isArray(errors)) {
    return [];
  }

  const lines: string[] = [];
  for (const entry of errors) {
    if (typeof entry !== 'string') {
      continue;
    }

    const bullets = [...entry.matchAll(/^\s*\* (.*)$/gm)].map((match) => (match[1] ?? '').trim());
    const texts = /^\d+ errors? occurred:/.test(entry) && bullets.length > 0 ? bullets : [entry];
    for (const text of texts) {
      const oneLine = text.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
      if (oneLine !== '') {
        lines.push(shorten(oneLine));
      }
    }
  }

  if (lines.length > MAX_ERRORS) {
    return [...lines.slice(0, MAX_ERRORS), `and ${lines.length - MAX_ERRORS} more errors`];
  }

  return lines;
}

function shorten(text: string): string {
  const characters = Array.from(text);
  if (characters.length <= MAX_ERROR_LENGTH) {
    return text;
  }

  return `${characters.slice(0, MAX_ERROR_LENGTH).join('')}… (${characters.length - MAX_ERROR_LENGTH} more characters)`;
}
