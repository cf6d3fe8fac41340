import { ConfigError } from '../errors';
import { AUTH_METHODS, type AuthMethod, type LoginSettings } from '../vault/login/loginSettings';
import type { CaCertOverride } from '../vault/readTlsSettings';
import { readNonEmptyVaultVariable } from '../vault/readVaultVariable';
import { expandHome } from './paths';
import type { ProfileSection, SettingValue } from './readProfileMap';

type Environment = Record<string, string | undefined>;

/** A setting with its value and where it came from, for messages. */
interface Found {
  value: string;
  source: string;
}

/**
 * Resolves the login settings of a profile with the profile map's precedence. The key in the
 * profile's section wins, then the environment variable where there is one (`VAULT_ROLE_ID`, and
 * `VAULT_SECRET_ID` for `secret_id_file`), then the `[vault]` section, then the default.
 * Returns undefined for `auth_method = token`, the default.
 */
export function resolveAuthSettings(section: ProfileSection, vault: ProfileSection | undefined, env: Environment, describe: (section: string, key: string, setting: SettingValue) => string): LoginSettings | undefined {
  const find = (key: string): Found | undefined => {
    for (const [candidate, name] of [[section, `profile ${section.name}`], [vault, 'vault']] as const) {
      const setting = candidate?.settings.get(key);
      if (setting !== undefined && setting.value !== '') {
        return { value: setting.value, source: describe(name, key, setting) };
      }
    }

    return undefined;
  };
  const fromProfile = (key: string): Found | undefined => {
    const setting = section.settings.get(key);
    return setting === undefined || setting.value === '' ? undefined : { value: setting.value, source: describe(`profile ${section.name}`, key, setting) };
  };

  const method = find('auth_method');
  if (method !== undefined && !(AUTH_METHODS as readonly string[]).includes(method.value)) {
    throw new ConfigError(`${method.source} is ${JSON.stringify(method.value)}; use one of ${AUTH_METHODS.join(', ')}`);
  }

  const chosen = (method?.value ?? 'token') as AuthMethod;
  if (chosen === 'token') {
    return undefined;
  }

  const mount = (find('auth_mount')?.value ?? chosen).replace(/^\/+|\/+$/g, '').replace(/^auth\//, '');
  if (mount === '') {
    throw new ConfigError(`auth_mount for auth_method ${chosen} is empty; remove it to use "${chosen}"`);
  }

  const roleIdFromEnvironment = readNonEmptyVaultVariable(env, 'ROLE_ID')?.value;
  const roleId = fromProfile('role_id')?.value ?? roleIdFromEnvironment ?? find('role_id')?.value;
  const secretIdInEnvironment = readNonEmptyVaultVariable(env, 'SECRET_ID') !== undefined;
  const secretIdFile = fromProfile('secret_id_file') ?? (secretIdInEnvironment ? undefined : find('secret_id_file'));
  const path = (found: Found | undefined): string | undefined => (found === undefined ? undefined : expandHome(found.value, env));

  return {
    method: chosen,
    mount,
    role: find('auth_role')?.value,
    roleId,
    secretIdFile: path(secretIdFile),
    jwtFile: path(find('jwt_file')),
    username: find('username')?.value,
    iamServerId: find('iam_server_id_header_value')?.value,
    awsRegion: resolveRegion(find('aws_region')),
    callbackPort: resolvePort(find('oidc_callback_port')),
  };
}

/**
 * Resolves the CA file for the profile: `vault_cacert` in its section wins over the CA variables
 * (`VAULT_CACERT`, `VAULT_CACERT_BYTES`, `VAULT_CAPATH`), which win over `cacert` in `[vault]`.
 */
export function resolveCaCert(section: ProfileSection, vault: ProfileSection | undefined, env: Environment, describe: (section: string, key: string, setting: SettingValue) => string): CaCertOverride | undefined {
  const fromProfile = section.settings.get('vault_cacert');
  if (fromProfile !== undefined && fromProfile.value !== '') {
    return { path: expandHome(fromProfile.value, env), source: describe(`profile ${section.name}`, 'vault_cacert', fromProfile) };
  }

  if (['CACERT', 'CACERT_BYTES', 'CAPATH'].some((name) => readNonEmptyVaultVariable(env, name) !== undefined)) {
    return undefined;
  }

  const fromVault = vault?.settings.get('cacert');
  return fromVault === undefined || fromVault.value === '' ? undefined : { path: expandHome(fromVault.value, env), source: describe('vault', 'cacert', fromVault) };
}

function resolveRegion(found: Found | undefined): string | undefined {
  if (found !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(found.value)) {
    throw new ConfigError(`${found.source} is ${JSON.stringify(found.value)}, not an AWS region name such as eu-west-1`);
  }

  return found?.value;
}

function resolvePort(found: Found | undefined): number | undefined {
  if (found === undefined) {
    return undefined;
  }

  const port = /^\d{1,5}$/.test(found.value) ? Number(found.value) : 0;
  if (port < 1 || port > 65535) {
    throw new ConfigError(`${found.source} is ${JSON.stringify(found.value)}, not a port number from 1 to 65535`);
  }

  return port;
}
