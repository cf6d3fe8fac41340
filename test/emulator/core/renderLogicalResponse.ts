import { encodeGoJson, marshalGoJson, type GoValue } from '../go/marshalGoJson';
import type { LogicalResponse } from './logicalResponse';
import type { VaultFeatures } from './vaultFeatures';

export interface RenderOptions {
  requestId: string;
  mountType: string;
  features: VaultFeatures;
  wrapInfo?: GoValue;
}

/** Builds Vault's `logical.HTTPResponse` struct, fields in declaration order. */
export function buildHttpResponse(response: LogicalResponse, options: RenderOptions): GoValue {
  return {
    request_id: options.requestId,
    lease_id: response.lease?.leaseId ?? '',
    renewable: response.lease?.renewable ?? false,
    lease_duration: response.lease?.leaseDuration ?? 0,
    data: response.data,
    wrap_info: options.wrapInfo ?? null,
    warnings: response.warnings.length === 0 ? null : response.warnings,
    auth: response.auth ?? null,
    mount_type: options.features.mountType ? (response.mountType ?? options.mountType) : undefined,
  };
}

/** Renders the response body as Vault's `json.Encoder` writes it, newline included. */
export function renderLogicalBody(response: LogicalResponse, options: RenderOptions): string {
  const envelope = buildHttpResponse(response, options);
  const data = response.data;
  if (response.injectDataAtTopLevel !== true || data === null || data.size === 0) {
    return encodeGoJson(envelope);
  }

  // Vault prepends each data key to the marshalled envelope; Go's map order is random, so sorting is as good as any.
  const copied = [...data.keys()].sort().map((key) => `${marshalGoJson(key)}:${marshalGoJson(data.get(key))},`);
  return `{${copied.join('')}${marshalGoJson(envelope).slice(1)}\n`;
}
