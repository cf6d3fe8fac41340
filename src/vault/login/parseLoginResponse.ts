import { VaultAwsError } from '../../errors';
import { rememberSecret } from '../../log';
import type { LoginToken } from './loginSettings';

/** Reads the `auth` block of a login answer: `client_token`, `lease_duration` and `renewable`. */
export function parseLoginResponse(body: Record<string, unknown> | undefined, path: string, address: string, obtainedAt: number): LoginToken {
  const auth = body?.['auth'];
  if (typeof auth !== 'object' || auth === null) {
    throw new VaultAwsError(`POST ${path} at ${address} returned no auth block; is an auth method mounted there?`);
  }

  const fields = auth as Record<string, unknown>;
  const token = fields['client_token'];
  if (typeof token !== 'string' || token === '') {
    throw new VaultAwsError(`POST ${path} at ${address} returned no client_token`);
  }

  if (/[^\x21-\x7e]/.test(token)) {
    throw new VaultAwsError(`POST ${path} at ${address} returned a token with non-printable characters`);
  }

  rememberSecret(token);
  const lease = fields['lease_duration'];
  const leaseSeconds = typeof lease === 'number' && Number.isFinite(lease) && lease > 0 ? Math.floor(lease) : 0;
  return { token, leaseSeconds, renewable: fields['renewable'] === true, obtainedAt };
}
