import { UNSAFE_CHARACTERS } from '../log';
import type { RawResponse } from './sendRequest';
import { readableVaultErrors, type VaultRequestError } from './vaultRequestError';

type Fail = (details: Omit<ConstructorParameters<typeof VaultRequestError>[0], 'method' | 'path' | 'address'>) => VaultRequestError;

/** Returns the JSON object of a 2xx response, or undefined for an empty body (204). */
export function parseSuccessBody(response: RawResponse, fail: Fail): Record<string, unknown> | undefined {
  if (response.body.trim() === '') {
    return undefined;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw fail({ kind: 'invalid-response', status: response.status, detail: `HTTP ${response.status} with ${describeBody(response)}, not a Vault response; check that VAULT_ADDR points at Vault` });
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`;
    throw fail({ kind: 'invalid-response', status: response.status, detail: `HTTP ${response.status} with JSON that is ${kind}, not an object as Vault sends; check that VAULT_ADDR points at Vault` });
  }

  return parsed as Record<string, unknown>;
}

/** Returns the error of a non-2xx response, with Vault's `errors` entries, never the raw body. */
export function httpFailure(response: RawResponse, fail: Fail): VaultRequestError {
  let errors: string[] = [];
  let parsed = false;
  try {
    const body: unknown = JSON.parse(response.body);
    if (typeof body === 'object' && body !== null) {
      errors = readableVaultErrors((body as Record<string, unknown>)['errors']);
      parsed = true;
    }
  } catch {
    parsed = false;
  }

  const detail = parsed
    ? `HTTP ${response.status}${errors.length > 0 ? `: ${errors.join('; ')}` : ''}`
    : `HTTP ${response.status} with ${describeBody(response)}, not a Vault answer; a proxy or load balancer may be in the way`;
  return fail({ kind: 'http', status: response.status, vaultErrors: errors, detail });
}

function describeBody(response: RawResponse): string {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('html') || /^\s*</.test(response.body)) {
    const title = /<title>([^<]{1,100})<\/title>/i.exec(response.body)?.[1]?.replace(UNSAFE_CHARACTERS, ' ').trim();
    return title === undefined ? 'an HTML page' : `an HTML page titled ${JSON.stringify(title)}`;
  }

  return response.body.trim() === '' ? 'an empty body' : `a ${Buffer.byteLength(response.body)}-byte body that is not valid JSON`;
}
