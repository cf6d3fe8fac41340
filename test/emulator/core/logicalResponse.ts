import type { GoValue } from '../go/marshalGoJson';

/** The lease part of a secret response. */
export interface SecretLease {
  leaseId: string;
  renewable: boolean;
  /** Whole seconds. */
  leaseDuration: number;
}

/** A successful response of a logical path, before it is rendered to Vault's JSON envelope. */
export interface LogicalResponse {
  kind: 'logical';
  data: Map<string, GoValue> | null;
  lease?: SecretLease;
  /** The `auth` block of a login, already in field order. */
  auth?: GoValue;
  warnings: string[];
  /** `sys/capabilities-self` and a few other system paths also copy `data` keys to the top level. */
  injectDataAtTopLevel?: boolean;
  /** Overrides the mount's type in `mount_type`. */
  mountType?: string;
  /** Wrap the response even without `X-Vault-Wrap-TTL`, with this TTL in seconds (as `sys/wrapping/wrap` does). */
  defaultWrapTtlSeconds?: number;
  /** Accessor of the token a login created; becomes `wrapped_accessor` when the response is wrapped. */
  wrappedAccessor?: string;
}

/** A response sent as is, such as the stored body of an unwrapped response or a 202 without body. */
export interface RawResponse {
  kind: 'raw';
  status: number;
  body: string;
}

/** What a path handler returns; `null` is Vault's "no response", sent as 204. */
export type HandlerOutcome = LogicalResponse | RawResponse | null;

export function logicalResponse(data: Map<string, GoValue> | null, extra: Partial<Omit<LogicalResponse, 'kind' | 'data'>> = {}): LogicalResponse {
  return { kind: 'logical', data, warnings: [], ...extra };
}
