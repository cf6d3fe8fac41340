import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorContext } from '../emulatorContext';
import type { HandlerOutcome } from '../logicalResponse';
import type { TokenEntry } from '../tokens/tokenStore';
import type { VaultFeatures } from '../vaultFeatures';
import type { FieldType } from './convertField';

/** Vault's logical operations; POST and PUT are always `update` because no emulated path has an existence check. */
export type Operation = 'read' | 'update' | 'delete' | 'list' | 'help' | 'patch';

/** A request routed to a backend. */
export interface BackendRequest {
  operation: Operation;
  /** Full logical path, such as `aws/sts/s3_access`. */
  path: string;
  /** Path inside the mount, such as `sts/s3_access`. */
  subpath: string;
  mountPath: string;
  /** Request data: query parameters for GET, LIST and DELETE, the body for POST and PUT. */
  data: Record<string, unknown> | null;
  /** The authenticated token; `undefined` on unauthenticated paths. */
  token: TokenEntry | undefined;
  clientToken: string | undefined;
  headers: IncomingHttpHeaders;
  context: EmulatorContext;
}

/** Converted field values of a request; only fields that were supplied (and not null) are present. */
export interface FieldValues {
  has(name: string): boolean;
  get<T>(name: string): T | undefined;
  /** The string value, or `fallback` when the field was not supplied. */
  string(name: string, fallback?: string): string;
}

/** One entry of a backend's path table, modelled on Vault's `framework.Path`. */
export interface PathSpec {
  /** Anchored pattern over the path inside the mount; named groups become fields. */
  pattern: RegExp;
  fields: Readonly<Record<string, FieldType>>;
  operations: Partial<Record<Operation, (call: PathCall) => HandlerOutcome>>;
  /** The handler reads the raw data, so unknown parameters draw no warning. */
  takesArbitraryInput?: boolean;
  /** Login paths: no token needed, and a token that is sent is ignored. */
  unauthenticated?: boolean;
  synopsis: string;
}

export interface PathCall {
  request: BackendRequest;
  fields: FieldValues;
}

/** A mounted backend: its type (reported as `mount_type`) and its path table, which may differ by Vault version. */
export interface Backend {
  type: string;
  paths(features: VaultFeatures): readonly PathSpec[];
}

export function findPath(backend: Backend, subpath: string, features: VaultFeatures): { spec: PathSpec; captures: Record<string, string> } | undefined {
  for (const spec of backend.paths(features)) {
    const match = spec.pattern.exec(subpath);
    if (match !== null) {
      return { spec, captures: { ...(match.groups ?? {}) } };
    }
  }

  return undefined;
}
