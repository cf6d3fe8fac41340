import { formatGoDuration } from '../../go/goDuration';
import { quoteGo } from '../../go/quoteGo';
import type { EmulatorContext } from '../emulatorContext';
import type { SecretLease } from '../logicalResponse';
import { randomBase62 } from '../randomValues';

/**
 * Registers a lease the way Vault core does for a secret response: the TTL is capped at the
 * effective maximum (with Vault's warning), and `lease_duration` is the TTL in whole seconds.
 */
export function issueLease(
  context: EmulatorContext,
  options: { path: string; ttlMs: number; maxTtlSeconds: number; renewable: boolean; renewSeconds?: number },
): { lease: SecretLease; warnings: string[] } {
  const warnings: string[] = [];
  const maxTtlMs = options.maxTtlSeconds * 1000;
  let ttlMs = options.ttlMs;
  // Vault compares against a start time truncated to the second, so the effective maximum is whole seconds.
  if (ttlMs > maxTtlMs) {
    warnings.push(`TTL of ${quoteGo(formatMilliseconds(ttlMs))} exceeded the effective max_ttl of ${quoteGo(formatMilliseconds(maxTtlMs))}; TTL value is capped accordingly`);
    ttlMs = maxTtlMs;
  }

  const now = context.vaultNow();
  const id = `${options.path}/${randomBase62()}`;
  context.leases.add({
    id,
    issueTimeMs: now,
    expireTimeMs: now + ttlMs,
    lastRenewalTimeMs: null,
    renewable: options.renewable,
    renewSeconds: options.renewSeconds ?? 0,
    maxExpireTimeMs: now + maxTtlMs,
  });

  return { lease: { leaseId: id, renewable: options.renewable, leaseDuration: Math.max(0, Math.floor(ttlMs / 1000)) }, warnings };
}

function formatMilliseconds(milliseconds: number): string {
  return formatGoDuration(BigInt(Math.round(milliseconds * 1000)) * 1000n);
}
