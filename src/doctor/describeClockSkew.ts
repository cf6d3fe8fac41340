import { formatDuration } from '../profiles/duration';
import type { FindingBuilder, Finding } from './finding';
import type { SysHealth } from './requestSysHealth';

/** Skew up to this many seconds passes; server_time_utc has whole seconds, so 1 s is noise. */
const PASS_SKEW_SECONDS = 60;

/** AWS rejects requests signed with a clock more than 5 minutes off, in seconds. */
const AWS_SIGNATURE_SKEW_SECONDS = 300;

/** Compares this machine's clock with Vault's `server_time_utc`, taken as the correct time. */
export function describeClockSkew(health: SysHealth, finding: FindingBuilder): Finding {
  const serverTime = health.body['server_time_utc'];
  if (typeof serverTime !== 'number' || serverTime <= 0) {
    return finding.skip('vault.clock', 'sys/health did not report server_time_utc');
  }

  // server_time_utc is truncated to the second, so the server's time was half a second later on average.
  const skewSeconds = Math.round(health.receivedAtMs / 1000 - (serverTime + 0.5));
  const size = Math.abs(skewSeconds);
  const found = size === 0 ? 'this machine\'s clock agrees with Vault\'s' : `this machine's clock is ${formatDuration(size)} ${skewSeconds > 0 ? 'ahead of' : 'behind'} Vault's`;
  const fix = 'synchronize the clocks with NTP (timedatectl set-ntp true on systemd)';

  if (size <= PASS_SKEW_SECONDS) {
    return finding.pass('vault.clock', found);
  }

  if (size <= AWS_SIGNATURE_SKEW_SECONDS) {
    return finding.warn('vault.clock', `${found}; AWS rejects requests signed more than 5 minutes off`, fix);
  }

  return finding.fail('vault.clock', `${found}, more than the 5 minutes AWS accepts in signed requests`, fix);
}
