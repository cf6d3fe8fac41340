import { formatGoTime } from '../../go/formatGoTime';
import type { GoValue } from '../../go/marshalGoJson';
import type { PathCall } from '../../core/framework/pathSpec';
import { logicalResponse, type HandlerOutcome } from '../../core/logicalResponse';
import { badRequest } from '../../core/vaultHttpError';

function leaseIdOf(call: PathCall): string {
  const leaseId = call.fields.string('lease_id') || call.fields.string('url_lease_id');
  if (leaseId === '') {
    throw badRequest('lease_id must be specified');
  }

  return leaseId;
}

/** `sys/leases/revoke`: 204 when revoked (even for an unknown ID), 202 with `sync=false`. STS keys stay valid in AWS either way. */
export function revokeLease(call: PathCall): HandlerOutcome {
  const leaseId = leaseIdOf(call);
  call.request.context.leases.revoke(leaseId);
  const sync = call.fields.get<boolean>('sync') ?? true;
  return sync ? null : { kind: 'raw', status: 202, body: '' };
}

/** `sys/leases/renew`: STS leases are not renewable; iam_user leases get the lease setting again, up to their maximum. */
export function renewLease(call: PathCall): HandlerOutcome {
  const leaseId = leaseIdOf(call);
  const context = call.request.context;
  const lease = context.leases.get(leaseId);
  const now = context.vaultNow();
  if (lease === undefined) {
    throw badRequest('lease not found');
  }

  if (lease.expireTimeMs <= now) {
    throw badRequest('lease expired');
  }

  if (!lease.renewable) {
    throw badRequest('lease is not renewable');
  }

  const increment = call.fields.get<number>('increment') ?? 0;
  const seconds = increment > 0 ? increment : lease.renewSeconds;
  lease.expireTimeMs = Math.min(now + seconds * 1000, lease.maxExpireTimeMs);
  lease.lastRenewalTimeMs = now;
  return logicalResponse(null, { lease: { leaseId, renewable: true, leaseDuration: Math.floor((lease.expireTimeMs - now) / 1000) } });
}

/** `sys/leases/lookup`: the lease times on the Vault clock. */
export function lookupLease(call: PathCall): HandlerOutcome {
  const leaseId = call.fields.string('lease_id');
  if (leaseId === '') {
    throw badRequest('lease_id must be specified');
  }

  const context = call.request.context;
  const lease = context.leases.get(leaseId);
  if (lease === undefined) {
    throw badRequest('invalid lease');
  }

  const data = new Map<string, GoValue>([
    ['id', leaseId],
    ['issue_time', formatGoTime(lease.issueTimeMs)],
    ['expire_time', formatGoTime(lease.expireTimeMs)],
    ['last_renewal', lease.lastRenewalTimeMs === null ? null : formatGoTime(lease.lastRenewalTimeMs)],
    ['renewable', lease.renewable && lease.expireTimeMs > context.vaultNow()],
    ['ttl', Math.max(0, Math.round((lease.expireTimeMs - context.vaultNow()) / 1000))],
  ]);
  return logicalResponse(data);
}
