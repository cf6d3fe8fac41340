import { describe, expect, it } from 'vitest';
import { parseProfileMap } from '../profiles/readProfileMap';
import { resolveProfile } from '../profiles/resolveProfile';
import { VaultRequestError } from '../vault/vaultRequestError';
import { describeVaultFailure } from './describeVaultFailure';

const PATH = '/home/dev/.config/vault-aws/profiles.ini';
const profile = resolveProfile(parseProfileMap('[profile p]\nvault_role = r\n', PATH), 'p', { VAULT_ADDR: 'https://vault.example:8200' });

function failure(path: string, status: number, errors: string[]): VaultRequestError {
  return new VaultRequestError({ kind: 'http', method: 'POST', path, address: profile.address, status, vaultErrors: errors, detail: `HTTP ${status}: ${errors.join('; ')}` });
}

describe('describeVaultFailure', () => {
  it('points a rejected login at the login settings, not at a token', () => {
    const message = describeVaultFailure(failure('auth/approle/login', 403, ['permission denied']), profile, undefined).message;

    expect(message).toContain('Vault rejected the login at auth/approle/login; check the login settings');
    expect(message).not.toContain('capability');
  });

  it('explains an STS lifetime above the 12-hour limit', () => {
    const sts = failure('aws/sts/r', 400, ["Error assuming role: ValidationError: 1 validation error detected: Value '129600' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"]);

    const message = describeVaultFailure(sts, profile, undefined).message;

    expect(message).toContain(`AWS refused the requested lifetime of ${profile.ttlSeconds} s; change ttl in [profile p] of ${PATH}`);
  });

  it('does not double the final period of Vault\'s text', () => {
    const message = describeVaultFailure(failure('aws/sts/r', 404, ['no handler for route "aws/sts/r". route entry not found.']), profile, undefined).message;

    expect(message).not.toContain('..');
  });
});
