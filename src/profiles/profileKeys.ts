/** Keys of the auth settings, the same in a `[profile NAME]` section and in `[vault]`. */
export const AUTH_KEYS = [
  'auth_method',
  'auth_mount',
  'auth_role',
  'role_id',
  'secret_id_file',
  'jwt_file',
  'username',
  'iam_server_id_header_value',
  'aws_region',
  'oidc_callback_port',
];

/** Keys of a `[profile NAME]` section. */
export const PROFILE_KEYS = ['vault_role', 'vault_mount', 'role_arn', 'ttl', 'role_session_name', 'vault_addr', 'vault_namespace', 'vault_cacert', ...AUTH_KEYS];

/** Keys of the `[vault]` section. */
export const VAULT_SECTION_KEYS = ['addr', 'namespace', 'cacert', ...AUTH_KEYS];

/**
 * Returns the known key that `key` is most likely a misspelling of: at most two edits away, once
 * the word "address" (often misspelt) is shortened to "addr" as the keys spell it.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const shortened = key.replace(/ad+res+/, 'addr');
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(shortened, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }

  return best;
}

/** Counts the insertions, deletions and substitutions that turn `a` into `b` (Levenshtein). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }

    previous = current;
  }

  return previous[b.length] as number;
}
