import { ConfigError } from '../errors';
import type { LoginSettings } from '../vault/login/loginSettings';
import type { CaCertOverride } from '../vault/readTlsSettings';
import { readNonEmptyVaultVariable } from '../vault/readVaultVariable';
import { parseDurationSeconds } from './duration';
import { closestKey, PROFILE_KEYS } from './profileKeys';
import { resolveAuthSettings, resolveCaCert } from './resolveAuthSettings';
import type { ProfileMap, ProfileSection, SettingValue } from './readProfileMap';

type Environment = Record<string, string | undefined>;

export const DEFAULT_VAULT_ADDRESS = 'https://127.0.0.1:8200';
/** The `addressSource` of a profile whose address is DEFAULT_VAULT_ADDRESS because nothing set one. */
export const DEFAULT_ADDRESS_SOURCE = 'the default address';
export const DEFAULT_MOUNT = 'aws';
export const DEFAULT_TTL_SECONDS = 3600;

/** AssumeRole rejects a DurationSeconds below 15 minutes. */
export const MIN_TTL_SECONDS = 900;

/** 36 hours, the longest session STS issues (GetFederationToken and GetSessionToken). */
export const MAX_TTL_SECONDS = 129_600;

/** The settings of one profile after precedence is applied. */
export interface ResolvedProfile {
  profile: string;
  mapPath: string;
  address: string;
  /** The address's source, for messages: `vault_addr in [profile x]`, `VAULT_ADDR`, ... */
  addressSource: string;
  namespace: string | undefined;
  mount: string;
  role: string;
  roleArn: string | undefined;
  ttlSeconds: number;
  roleSessionName: string | undefined;
  /** A CA file from the profile map that replaces the CA variables; undefined leaves them in charge. */
  caCert?: CaCertOverride | undefined;
  /** How to log in to Vault; undefined uses an existing token (`auth_method = token`, the default). */
  login?: LoginSettings | undefined;
  /** Warnings of the profile map about this profile's section and `[vault]`, such as a misspelt key. */
  mapWarnings?: string[];
}

/**
 * Resolves a profile's settings. Precedence, highest first, for every setting that has more than one
 * source: a key in the `[profile NAME]` section, then the environment variable (`BAO_*` before
 * `VAULT_*`; `VAULT_AGENT_ADDR` before `VAULT_ADDR`; `VAULT_CACERT`, `VAULT_ROLE_ID`,
 * `VAULT_SECRET_ID`), then the `[vault]` section, then Vault's default.
 */
export function resolveProfile(map: ProfileMap, profile: string, env: Environment = process.env): ResolvedProfile {
  const section = map.profiles.get(profile);
  if (section === undefined) {
    throw new ConfigError(missingProfileMessage(map, profile), { file: map.path });
  }

  const errors = map.problems.filter((problem) => problem.severity === 'error' && (problem.profile === profile || problem.profile === undefined));
  if (errors.length > 0) {
    const details = errors.map((problem) => `line ${problem.lineNumber}: ${problem.message}`).join('; ');
    throw new ConfigError(`profile map ${map.path} is invalid: ${details}`, { file: map.path });
  }

  const where = (key: string, setting: SettingValue): string => `${key} in [profile ${profile}] of ${map.path} line ${setting.lineNumber}`;
  const describe = (name: string, key: string, setting: SettingValue): string => `${key} in [${name}] of ${map.path} line ${setting.lineNumber}`;
  const vault = map.vault;

  const role = section.settings.get('vault_role');
  if (role === undefined || role.value === '') {
    const misspelt = [...section.settings.entries()].find(([key]) => key !== 'vault_role' && closestKey(key, PROFILE_KEYS) === 'vault_role');
    const hint = misspelt === undefined ? '' : ` (line ${misspelt[1].lineNumber} has "${misspelt[0]}", which looks like a misspelling)`;
    throw new ConfigError(
      `profile "${profile}" in ${map.path} (line ${section.lineNumber}) has no vault_role${hint}; add "vault_role = ROLE" naming the role under the AWS secrets engine mount`,
      { file: map.path },
    );
  }

  const { address, addressSource } = resolveAddress(section, vault, env, where);
  const namespace = setting(section, 'vault_namespace') ?? readNonEmptyVaultVariable(env, 'NAMESPACE')?.value ?? setting(vault, 'namespace');
  const mount = trimSlashes(setting(section, 'vault_mount') ?? DEFAULT_MOUNT);
  if (mount === '') {
    throw new ConfigError(`${where('vault_mount', section.settings.get('vault_mount') as SettingValue)} is empty; remove it to use "aws"`, { file: map.path });
  }

  return {
    profile,
    mapPath: map.path,
    address,
    addressSource,
    namespace,
    mount,
    role: role.value,
    roleArn: setting(section, 'role_arn'),
    ttlSeconds: resolveTtl(section, where),
    roleSessionName: resolveRoleSessionName(section, where),
    caCert: resolveCaCert(section, vault, env, describe),
    login: resolveAuthSettings(section, vault, env, describe),
    mapWarnings: map.problems
      .filter((problem) => problem.severity === 'warning' && (problem.profile === profile || problem.profile === undefined))
      .map((problem) => `line ${problem.lineNumber}: ${problem.message}`),
  };
}

function setting(section: ProfileSection | undefined, key: string): string | undefined {
  const value = section?.settings.get(key)?.value;
  return value === undefined || value === '' ? undefined : value;
}

function resolveAddress(
  section: ProfileSection,
  vault: ProfileSection | undefined,
  env: Environment,
  where: (key: string, setting: SettingValue) => string,
): { address: string; addressSource: string } {
  const fromProfile = section.settings.get('vault_addr');
  const fromEnvironment = readNonEmptyVaultVariable(env, 'AGENT_ADDR') ?? readNonEmptyVaultVariable(env, 'ADDR');
  const fromVaultSection = vault?.settings.get('addr');

  let address = DEFAULT_VAULT_ADDRESS;
  let addressSource = DEFAULT_ADDRESS_SOURCE;
  if (fromProfile !== undefined && fromProfile.value !== '') {
    address = fromProfile.value;
    addressSource = where('vault_addr', fromProfile);
  } else if (fromEnvironment !== undefined) {
    address = fromEnvironment.value;
    addressSource = fromEnvironment.variable;
  } else if (fromVaultSection !== undefined && fromVaultSection.value !== '') {
    address = fromVaultSection.value;
    addressSource = `addr in [vault] line ${fromVaultSection.lineNumber}`;
  }

  if (!isValidAddress(address)) {
    const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(address)?.[1];
    const problem = scheme === undefined || /^(https?|unix)$/i.test(scheme) ? 'is not a URL' : `has the scheme "${scheme}", which is not supported (only http, https and unix are)`;
    throw new ConfigError(`Vault address ${JSON.stringify(address)} from ${addressSource} ${problem}; use https://HOST:PORT, http://HOST:PORT or unix:///PATH`);
  }

  return { address: address.replace(/\/+$/, ''), addressSource };
}

/** Returns whether `address` is an http or https URL with a host, or a unix URL with a socket path, without whitespace. */
export function isValidAddress(address: string): boolean {
  if (/\s/.test(address)) {
    return false;
  }

  try {
    const url = new URL(address);
    if (url.protocol === 'unix:') {
      return url.pathname !== '' && url.pathname !== '/';
    }

    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function resolveTtl(section: ProfileSection, where: (key: string, setting: SettingValue) => string): number {
  const ttl = section.settings.get('ttl');
  if (ttl === undefined || ttl.value === '') {
    return DEFAULT_TTL_SECONDS;
  }

  const seconds = parseDurationSeconds(ttl.value);
  if (seconds === undefined) {
    throw new ConfigError(`${where('ttl', ttl)} is ${JSON.stringify(ttl.value)}, not a duration; use seconds (3600) or a unit (90m, 1h)`);
  }

  if (seconds < MIN_TTL_SECONDS) {
    throw new ConfigError(`${where('ttl', ttl)} is ${seconds} s, below the AWS minimum of ${MIN_TTL_SECONDS} s (15m); use 1h`);
  }

  if (seconds > MAX_TTL_SECONDS) {
    throw new ConfigError(`${where('ttl', ttl)} is ${seconds} s, above the longest STS session of ${MAX_TTL_SECONDS} s (36h); use 36h or less`);
  }

  return seconds;
}

function resolveRoleSessionName(section: ProfileSection, where: (key: string, setting: SettingValue) => string): string | undefined {
  const name = section.settings.get('role_session_name');
  if (name === undefined || name.value === '') {
    return undefined;
  }

  // AWS accepts 2 to 64 characters from this set; Vault passes a supplied name through without truncating it.
  if (!/^[\w+=,.@-]{2,64}$/.test(name.value)) {
    throw new ConfigError(`${where('role_session_name', name)} must be 2 to 64 characters of letters, digits and + = , . @ _ -`);
  }

  return name.value;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function missingProfileMessage(map: ProfileMap, profile: string): string {
  const known = [...map.profiles.keys()].filter((name) => name !== '');
  const list = known.length === 0 ? 'it has no profiles' : `it has: ${known.join(', ')}`;
  const errors = map.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    // A broken section header hides the profile; adding another section next to it would not help.
    const details = errors.map((problem) => `line ${problem.lineNumber}: ${problem.message}`).join('; ');
    return `profile "${profile}" is not in the profile map ${map.path} (${list}), which has errors: ${details}`;
  }

  // A misspelt header such as [profle x] is ignored with a warning, which explains the missing profile.
  const ignored = map.problems.filter((problem) => problem.severity === 'warning' && problem.message.startsWith('section ['));
  const note = ignored.length === 0 ? '' : ` (note: ${ignored.map((problem) => `line ${problem.lineNumber}: ${problem.message}`).join('; ')})`;
  return `profile "${profile}" is not in the profile map ${map.path} (${list})${note}; add it with "vault-aws configure --profile ${profile} --vault-role ROLE"`;
}
