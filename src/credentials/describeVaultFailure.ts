import { VaultAwsError } from '../errors';
import type { ResolvedProfile } from '../profiles/resolveProfile';
import { LoginRequiredError } from '../vault/login/loginErrors';
import { VaultRequestError } from '../vault/vaultRequestError';
import { adviseOnAddress } from './adviseOnAddress';
import { describeLoginFailure } from './describeLoginFailure';

/**
 * Rewrites an error from fetching credentials into one message that names the profile, says what
 * failed and what to do next. `tokenSource` says where the token came from, for 403 answers.
 */
export function describeVaultFailure(error: unknown, profile: ResolvedProfile, tokenSource: string | undefined): VaultAwsError {
  const prefix = `profile "${profile.profile}"`;
  if (!(error instanceof VaultAwsError)) {
    return new VaultAwsError(`${prefix}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  if (error instanceof LoginRequiredError) {
    const next = `run "vault-aws login --profile ${profile.profile}"; the token it obtains is cached and shared by the profiles with the same Vault and auth settings`;
    return new VaultAwsError(`${prefix}: ${error.message}; ${next}`, { exitCode: error.exitCode, cause: error });
  }

  if (!(error instanceof VaultRequestError)) {
    return new VaultAwsError(`${prefix}: ${error.message}`, { exitCode: error.exitCode, cause: error });
  }

  const hint = hintFor(error, profile, tokenSource);
  const warnings = profile.mapWarnings ?? [];
  // A misspelt key, such as vault_adress, is often the cause: the setting fell back to its default.
  const note = warnings.length === 0 ? undefined : `The profile map ${profile.mapPath} also has warnings: ${warnings.join('; ')}`;
  return new VaultAwsError(`${prefix}: ${appendSentence(appendSentence(error.message, hint), note)}`, { exitCode: error.exitCode, cause: error });
}

/** Appends `sentence` after `text`, adding a period only when `text` does not already end a sentence. */
function appendSentence(text: string, sentence: string | undefined): string {
  if (sentence === undefined) {
    return text;
  }

  return /[.!?]$/.test(text) ? `${text} ${sentence}` : `${text}. ${sentence}`;
}

function hintFor(error: VaultRequestError, profile: ResolvedProfile, tokenSource: string | undefined): string | undefined {
  const text = error.vaultErrors.join(' ');
  const source = tokenSource === undefined ? '' : ` from ${tokenSource}`;
  const where = `[profile ${profile.profile}] of ${profile.mapPath}`;
  const loginHint = describeLoginFailure(error, profile);
  if (loginHint !== undefined) {
    return loginHint;
  }

  if (error.isInvalidToken && profile.login !== undefined) {
    return `Vault rejected the token${source} as invalid or expired right after logging in; check the token TTL of the ${profile.login.method} role`;
  }

  if (error.isInvalidToken) {
    return `Vault rejected the token${source} as invalid or expired; run "vault login" to get a new one`;
  }

  if (error.isPermissionDenied && /^auth\/.+\/login$/.test(error.path)) {
    return `Vault rejected the login at ${error.path}; check the login settings (auth_role, role_id, secret_id_file, jwt_file or username) in ${where} and the credentials they name`;
  }

  if (error.isPermissionDenied) {
    return `The token${source} lacks the "update" capability on ${error.path}, or it has expired; check with "vault token capabilities ${error.path}"`;
  }

  if (error.status === 503 && /sealed/i.test(text)) {
    return 'It must be unsealed ("vault operator unseal") before it can issue credentials';
  }

  if (error.status === 401) {
    return 'Vault answers a missing or bad token with 403, so a proxy or gateway in front of it probably asked for its own credentials; check VAULT_ADDR and the proxy settings';
  }

  if (error.status === 400 && /Role ".*" not found/.test(text)) {
    return `Check vault_role in ${where}; "vault list ${profile.mount}/roles" shows the roles`;
  }

  if (error.status === 400 && /did not supply a role_arn/.test(text)) {
    return `The Vault role allows several ARNs; set role_arn in ${where} to one of them`;
  }

  if (error.status === 400 && /not in allowed role arns/.test(text)) {
    return `Set role_arn in ${where} to one of the ARNs the Vault role allows`;
  }

  if (error.status === 400 && /exceeds the MaxSessionDuration|1 hour session limit|minimum field value of 900|durationSeconds.*less than or equal to/.test(text)) {
    return `AWS refused the requested lifetime of ${profile.ttlSeconds} s; change ttl in ${where}`;
  }

  if (error.status === 404 && /no handler for route|unsupported path/.test(text)) {
    return `No AWS secrets engine serves ${error.path}; check vault_mount and vault_role in ${where}`;
  }

  if ((error.kind === 'connection' || error.kind === 'invalid-response') && !error.message.includes('through the proxy')) {
    const advice = adviseOnAddress(profile.address, profile.addressSource);
    return `${advice.charAt(0).toUpperCase()}${advice.slice(1)}`;
  }

  if (error.status === 429) {
    return 'Vault is rate limiting requests; try again shortly';
  }

  if (error.status === 502 && /Throttling|Rate exceeded/.test(text)) {
    return 'AWS throttled Vault\'s request; try again shortly';
  }

  return undefined;
}
