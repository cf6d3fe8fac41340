/**
 * Debug logging to stderr, off unless `--debug` or `VAULT_AWS_DEBUG=1`.
 *
 * Callers pass only paths, names, status codes and durations: never a token, a secret ID or a key.
 * As a second line of defence, anything that looks like a Vault token or an AWS secret is masked.
 */
let enabled = false;

export function enableDebug(on = true): void {
  enabled = on;
}

export function isDebugEnabled(): boolean {
  return enabled || isDebugRequestedByEnvironment();
}

export function isDebugRequestedByEnvironment(): boolean {
  const value = process.env['VAULT_AWS_DEBUG'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function debug(message: string): void {
  if (!isDebugEnabled()) {
    return;
  }

  process.stderr.write(`vault-aws debug: ${redact(escapeUnsafeCharacters(message))}\n`);
}

/** Patterns for the tokens, keys and passwords of this run, hidden wherever they appear in a message. */
const knownSecrets = new Map<string, RegExp>();

/** Characters of a secret that identify it when a server echoes only its start or its end. */
const SECRET_PREFIX_LENGTH = 10;

/** Maximum length of a remembered value, in characters: above any accepted token, key or session token. */
const MAX_SECRET_LENGTH = 16 * 1024;

/**
 * Makes `redact` hide every later occurrence of `value`. Vault may echo a token in an error, and
 * tokens made with `-id` or by old Vault versions do not match the patterns below. Values shorter
 * than 6 characters are left alone: hiding them would garble ordinary words.
 */
export function rememberSecret(value: unknown): void {
  // A longer value is no token or key that vault-aws accepts, and it would make the pattern too large.
  if (typeof value !== 'string' || value.length < 6 || value.length > MAX_SECRET_LENGTH || knownSecrets.has(value)) {
    return;
  }

  // The value in any letter case, URL-encoded, in base64 or hex, or cut short or split in two, as servers echo it.
  const bytes = Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64').replace(/=+$/, '');
  const forms = [value, encodeURIComponent(value), base64, base64.replace(/\+/g, '-').replace(/\//g, '_'), bytes.toString('hex')];
  const alternatives = forms.map(escapeRegExp);
  if (value.length > SECRET_PREFIX_LENGTH) {
    alternatives.push(`${escapeRegExp(value.slice(0, SECRET_PREFIX_LENGTH))}[^\\s"',;]*`);
    alternatives.push(`[^\\s"',;]*${escapeRegExp(value.slice(-SECRET_PREFIX_LENGTH))}`);
  }

  knownSecrets.set(value, new RegExp(alternatives.join('|'), 'gi'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TOKEN_PATTERN = /\b(hv[sbr]\.|[sb]\.)[A-Za-z0-9_-]{8,}/g;
const AWS_ACCESS_KEY_PATTERN = /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const LONG_BASE64_PATTERN = /[A-Za-z0-9+/=]{40,}/g;

export function redact(text: string): string {
  let hidden = text;
  for (const pattern of knownSecrets.values()) {
    hidden = hidden.replace(pattern, '[redacted]');
  }

  return hidden
    .replace(TOKEN_PATTERN, '$1[redacted]')
    .replace(AWS_ACCESS_KEY_PATTERN, '$1[redacted]')
    .replace(LONG_BASE64_PATTERN, (run) => (looksLikeSecret(run) ? '[redacted]' : run));
}

/** AWS secret keys and session tokens mix digits with both letter cases; long paths rarely do. */
function looksLikeSecret(run: string): boolean {
  return /[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);
}

/**
 * Control characters (C0, DEL, C1), invisible format characters and bidirectional overrides: text
 * from a server or a file that a terminal would act on or show out of order.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

function escapeUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
