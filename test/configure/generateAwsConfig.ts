/**
 * Generates realistic AWS config files for the randomized configure test. They mix comments of both
 * kinds, headers with trailing comments, odd spacing and tabs, and nested `s3 =` blocks. They also
 * have SSO sessions, services sections, values with `=` and `#`, CRLF or LF, sometimes no final
 * newline, and repeated profiles.
 */
export interface GeneratedConfig {
  text: string;
  /** Top-level keys per profile name, across all of its sections. */
  profileKeys: Map<string, Set<string>>;
}

export type Random = () => number;

/** Returns a seeded generator of numbers in [0, 1) (mulberry32), so that a failing seed can be replayed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const PROFILE_NAMES = ['dev', 'prod', 'team.qa', 'jane@corp', 'ci_runner', 'eu-west-1-admin', 'a.b.c', 'default'];

const PLAIN_KEYS = ['region', 'output', 'duration_seconds', 'parameter_validation', 'ca_bundle', 'mfa_serial', 'external_id', 'cli_history', 'retry_mode', 'max_attempts'];
const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'sso_session', 'sso_account_id', 'role_arn', 'source_profile', 'credential_process'];
const VALUES = ['us-east-1', 'eu-west-1', 'json', 'a=b=c', 'https://example.awsapps.com/start#/', 'x#y;z', '3600', 'C:\\path\\file', 'standard'];
const ASSIGNMENTS = [' = ', '=', '\t=\t', '   =   ', ' =\t'];
const INLINE_COMMENTS = ['', '', '', ' # note', '\t; note', '   # value=1'];
const COMMENTS = ['# comment', '; comment', '#', '# [profile fake] in a comment', '; key = value in a comment'];
const HEADER_SUFFIXES = ['', '', '', ' # team', '   ; owner: ops'];

export function generateAwsConfig(random: Random): GeneratedConfig {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (probability: number): boolean => random() < probability;
  const lines: string[] = [];
  const profileKeys = new Map<string, Set<string>>();

  for (let count = Math.floor(random() * 3); count > 0; count -= 1) {
    lines.push(chance(0.7) ? pick(COMMENTS) : '');
  }

  for (let sections = Math.floor(random() * 7); sections > 0; sections -= 1) {
    const kind = random();
    if (kind < 0.12) {
      lines.push(`[sso-session corp${chance(0.5) ? '.example' : ''}]${pick(HEADER_SUFFIXES)}`, 'sso_start_url = https://corp.awsapps.com/start#/', 'sso_region = us-east-1');
    } else if (kind < 0.22) {
      lines.push(`[services local${chance(0.5) ? '.dev' : ''}]`, 's3 =', '  endpoint_url = http://localhost:4566', 'dynamodb =', '\tendpoint_url = http://localhost:8000');
    } else {
      const name = pick(PROFILE_NAMES);
      const header = name === 'default' ? '[default]' : chance(0.15) ? `[profile "${name}"]` : `[profile ${name}]`;
      lines.push(`${header}${pick(HEADER_SUFFIXES)}`);
      const keys = profileKeys.get(name) ?? new Set<string>();
      profileKeys.set(name, keys);
      lines.push(...generateProfileBody(random, keys));
    }

    if (chance(0.8)) {
      lines.push('');
    }
  }

  const eol = chance(0.3) ? '\r\n' : '\n';
  const body = lines.join(eol);
  const text = (chance(0.05) ? '\uFEFF' : '') + body + (lines.length > 0 && chance(0.8) ? eol : '');
  return { text, profileKeys };
}

/** Returns the body lines of one profile section. A key is never repeated within the profile. */
function generateProfileBody(random: Random, keys: Set<string>): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines: string[] = [];

  for (let count = Math.floor(random() * 6); count > 0; count -= 1) {
    const kind = random();
    if (kind < 0.15) {
      lines.push(pick(COMMENTS));
    } else if (kind < 0.22) {
      lines.push('');
    } else if (kind < 0.32 && !keys.has('s3')) {
      keys.add('s3');
      lines.push('s3 =', '  max_concurrent_requests = 20', '  # nested comment', '  addressing_style = path');
    } else if (kind < 0.38 && !keys.has('cli_pager')) {
      keys.add('cli_pager');
      lines.push('cli_pager =');
    } else {
      const key = random() < 0.12 ? pick(CREDENTIAL_KEYS) : pick(PLAIN_KEYS);
      if (!keys.has(key)) {
        keys.add(key);
        lines.push(`${key}${pick(ASSIGNMENTS)}${pick(VALUES)}${pick(INLINE_COMMENTS)}`);
      }
    }
  }

  return lines;
}
