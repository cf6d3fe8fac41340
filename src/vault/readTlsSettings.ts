import { readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../errors';
import { readVaultBool } from './readScalarSettings';
import { readNonEmptyVaultVariable } from './readVaultVariable';

type Environment = Record<string, string | undefined>;

export interface TlsSettings {
  /** PEM certificates that replace the system roots, as the Vault client does with a custom CA. */
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  servername?: string;
}

/** A CA file named by the profile map, which wins over the CA variables. */
export interface CaCertOverride {
  path: string;
  /** The path's source, for messages: `vault_cacert in [profile x] of …`. */
  source: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----/;

/**
 * Reads the TLS variables with the Vault client's rules: `VAULT_CACERT` wins over
 * `VAULT_CACERT_BYTES`, which wins over `VAULT_CAPATH`; client certificate and key come together.
 */
export function readTlsSettings(env: Environment, caCert: CaCertOverride | undefined): TlsSettings {
  const skip = readVaultBool(env, 'SKIP_VERIFY', false);
  const tls: TlsSettings = { rejectUnauthorized: !skip };
  const caFile = caCert ?? toOverride(readNonEmptyVaultVariable(env, 'CACERT'));
  const caBytes = readNonEmptyVaultVariable(env, 'CACERT_BYTES');
  const caPath = readNonEmptyVaultVariable(env, 'CAPATH');
  if (caFile !== undefined) {
    tls.ca = [readCertificates(caFile.path, caFile.source)];
  } else if (caBytes !== undefined) {
    if (!PEM_CERTIFICATE.test(caBytes.value)) {
      throw new ConfigError(`${caBytes.variable} contains no PEM certificate; set it to the text of the CA certificate, BEGIN and END lines included`);
    }

    tls.ca = [caBytes.value];
  } else if (caPath !== undefined) {
    tls.ca = readCertificateDirectory(caPath.value, caPath.variable);
  }

  const cert = readNonEmptyVaultVariable(env, 'CLIENT_CERT');
  const key = readNonEmptyVaultVariable(env, 'CLIENT_KEY');
  if ((cert === undefined) !== (key === undefined)) {
    const [present, missing] = cert === undefined ? [key?.variable, 'VAULT_CLIENT_CERT'] : [cert.variable, 'VAULT_CLIENT_KEY'];
    throw new ConfigError(`both client cert and client key must be provided: ${present} is set but ${missing} is not`);
  }

  if (cert !== undefined && key !== undefined) {
    tls.cert = readFile(cert.value, cert.variable);
    tls.key = readFile(key.value, key.variable);
  }

  const serverName = readNonEmptyVaultVariable(env, 'TLS_SERVER_NAME');
  if (serverName !== undefined) {
    tls.servername = serverName.value;
  }

  return tls;
}

function toOverride(found: { value: string; variable: string } | undefined): CaCertOverride | undefined {
  return found === undefined ? undefined : { path: found.value, source: found.variable };
}

function readFile(path: string, source: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${path} named by ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; ${fixForPath(path)}`, { file: path, cause: error });
  }
}

function readCertificates(path: string, source: string): string {
  const text = readFile(path, source);
  if (!PEM_CERTIFICATE.test(text)) {
    throw new ConfigError(`${path} named by ${source} contains no PEM certificate; name a CA certificate file in PEM format`, { file: path });
  }

  return text;
}

/** Every file under the directory, subdirectories included, must hold a PEM certificate, as go-rootcerts requires. */
function readCertificateDirectory(directory: string, source: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    throw new ConfigError(`cannot read the directory ${directory} named by ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; ${fixForPath(directory)}`, { file: directory, cause: error });
  }

  const files = names.map((name) => join(directory, name)).filter((path) => isFile(path));
  if (files.length === 0) {
    throw new ConfigError(`the directory ${directory} named by ${source} contains no certificate files`, { file: directory });
  }

  return files.sort().map((path) => readCertificates(path, source));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Returns the fix for an unreadable path. A credential process runs in the caller's directory, so a relative path moves with it. */
function fixForPath(path: string): string {
  return isAbsolute(path)
    ? 'check the path and its permissions'
    : `the path is relative to the current directory ${process.cwd()}, which changes with every program that runs vault-aws; use an absolute path`;
}
