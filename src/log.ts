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

  process.stderr.write(`vault-aws debug: ${redact(escapeControlCharacters(message))}\n`);
}

const TOKEN_PATTERN = /\b(hv[sbr]\.|[sb]\.)[A-Za-z0-9_-]{8,}/g;
const AWS_ACCESS_KEY_PATTERN = /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const LONG_BASE64_PATTERN = /[A-Za-z0-9+/=]{40,}/g;

export function redact(text: string): string {
  return text
    .replace(TOKEN_PATTERN, '$1[redacted]')
    .replace(AWS_ACCESS_KEY_PATTERN, '$1[redacted]')
    .replace(LONG_BASE64_PATTERN, (run) => (looksLikeSecret(run) ? '[redacted]' : run));
}

/** AWS secret keys and session tokens mix digits with both letter cases; long paths rarely do. */
function looksLikeSecret(run: string): boolean {
  return /[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);
}

function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
