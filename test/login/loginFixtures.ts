import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaultEmulator } from '../emulator';

export const ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';

/** Policies that let a login token request STS credentials. */
export const STS_POLICIES = ['sts-update'];

/** Adds the AWS role `s3_access` and the policy that login tokens receive. */
export function prepareVault(vault: VaultEmulator): void {
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  vault.addRole('aws', 'ec2_admin', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  vault.addPolicy('sts-update', { 'aws/sts/*': ['update'] });
}

/** Writes `content` to a new file in a fresh temporary directory and returns its path. */
export function writeTemporaryFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vault-aws-login-')), name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

/** Builds an unsigned JWT with the given claims; the emulator checks signatures only for roles with keys. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** Reads and parses the cached login-token entries in a cache directory. */
export function loginEntries(cacheDirectory: string): Array<{ name: string; entry: Record<string, unknown> }> {
  let names: string[];
  try {
    names = readdirSync(cacheDirectory);
  } catch {
    return [];
  }

  return names.filter((name) => /^login-[0-9a-f]{32}\.json$/.test(name)).map((name) => ({ name, entry: JSON.parse(readFileSync(join(cacheDirectory, name), 'utf8')) as Record<string, unknown> }));
}

export function loginRequests(vault: VaultEmulator, mount: string): number {
  return vault.count({ method: 'POST', path: new RegExp(`^auth/${mount}/login`) });
}

export function stsRequests(vault: VaultEmulator): number {
  return vault.count({ method: 'POST', path: /^aws\/sts\// });
}
