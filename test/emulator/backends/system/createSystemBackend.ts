import type { Backend, PathSpec } from '../../core/framework/pathSpec';
import { capabilitiesSelf } from './capabilitiesSelf';
import { lookupLease, renewLease, revokeLease } from './leaseHandlers';
import { lookupWrapping, unwrap, wrapData } from './wrappingHandlers';

/** Creates the emulated part of Vault's system backend; other `sys/` paths get 404 unsupported path. */
export function createSystemBackend(): Backend {
  return { type: 'system', paths: () => SYSTEM_PATHS };
}

const SYSTEM_PATHS: readonly PathSpec[] = [
  {
    pattern: /^capabilities-self$/,
    fields: { paths: 'commaStringSlice', path: 'commaStringSlice' },
    operations: { update: capabilitiesSelf },
    synopsis: 'Fetches the capabilities of the given token on the given path.',
  },
  {
    pattern: /^(?:leases\/revoke|revoke)(?:\/(?<url_lease_id>.+))?$/,
    fields: { lease_id: 'string', url_lease_id: 'string', sync: 'bool' },
    operations: { update: revokeLease },
    synopsis: 'Revoke a leased secret immediately.',
  },
  {
    pattern: /^(?:leases\/renew|renew)(?:\/(?<url_lease_id>.+))?$/,
    fields: { lease_id: 'string', url_lease_id: 'string', increment: 'durationSecond' },
    operations: { update: renewLease },
    synopsis: 'Renew a lease on a secret.',
  },
  {
    pattern: /^leases\/lookup$/,
    fields: { lease_id: 'string' },
    operations: { update: lookupLease },
    synopsis: 'View or list lease metadata.',
  },
  {
    pattern: /^wrapping\/wrap$/,
    fields: {},
    takesArbitraryInput: true,
    operations: { update: wrapData },
    synopsis: 'Response-wraps an arbitrary JSON object.',
  },
  {
    pattern: /^wrapping\/unwrap$/,
    fields: { token: 'string' },
    operations: { update: unwrap },
    synopsis: 'Unwraps a response-wrapped token.',
  },
  {
    pattern: /^wrapping\/lookup$/,
    fields: { token: 'string' },
    operations: { update: lookupWrapping, read: lookupWrapping },
    synopsis: 'Looks up the properties of a response-wrapped token.',
  },
];
