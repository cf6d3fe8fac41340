import type { CommandModule } from 'yargs';
import { describeVaultFailure } from '../credentials/describeVaultFailure';
import { UsageError } from '../errors';
import { cacheDirectory, profileMapPath } from '../profiles/paths';
import { readProfileMap, type ProfileMap } from '../profiles/readProfileMap';
import { resolveProfile, type ResolvedProfile } from '../profiles/resolveProfile';
import { createTerminalPrompter, type LoginPrompter } from '../vault/login/loginPrompter';
import { loginKey } from '../vault/login/loginTokenEntry';
import { obtainLoginToken } from '../vault/login/obtainLoginToken';
import { openBrowser } from '../vault/login/oidc/openBrowser';
import { readClientOptions } from '../vault/readClientOptions';
import { createVaultClient } from '../vault/vaultClient';
import { formatExpiration } from '../output/formatProcessCredentials';

type Environment = Record<string, string | undefined>;

export interface LoginOptions {
  profile: string;
  env: Environment;
  /** Questions and notices; the terminal when absent. */
  prompter?: LoginPrompter;
  openBrowser?: (url: string) => Promise<void>;
}

/**
 * Logs in to Vault with the profile's auth method, prompting on the terminal or opening the
 * browser where the method needs a person, and caches the token for every profile that shares
 * the same Vault and auth settings. It prints nothing on stdout.
 */
export async function login(options: LoginOptions): Promise<void> {
  const { env } = options;
  const map = readProfileMap(profileMapPath(env));
  const profile = resolveProfile(map, options.profile, env);
  if (profile.login === undefined) {
    throw new UsageError(`profile "${profile.profile}" uses auth_method token, an existing Vault token; log in with "vault login", or set auth_method in ${profile.mapPath}`);
  }

  const client = createVaultClient(readClientOptions(env, profile));
  const prompter = options.prompter ?? createTerminalPrompter();
  const browser = options.openBrowser ?? ((url: string) => openBrowser(url, env));
  let expiresAt: number | undefined;
  try {
    const session = await obtainLoginToken(client, profile.login, { cacheDirectory: cacheDirectory(env), context: { env, prompter, openBrowser: browser }, forceLogin: true });
    expiresAt = session.expiresAt;
  } catch (error) {
    throw describeVaultFailure(error, profile, undefined);
  } finally {
    prompter.close();
  }

  const until = expiresAt === undefined ? 'without expiry' : `until ${formatExpiration(Math.floor(expiresAt / 1000))}`;
  const sharing = profilesSharingLogin(map, profile, env);
  prompter.tell(`Logged in to Vault at ${profile.address} with ${profile.login.method} (auth/${profile.login.mount}). The token is cached ${until} for the profiles ${sharing.join(', ')}.`);
}

function profilesSharingLogin(map: ProfileMap, profile: ResolvedProfile, env: Environment): string[] {
  const key = loginKey(profile, profile.login as NonNullable<ResolvedProfile['login']>);
  const names: string[] = [];
  for (const name of map.profiles.keys()) {
    try {
      const other = resolveProfile(map, name, env);
      if (other.login !== undefined && loginKey(other, other.login) === key) {
        names.push(name);
      }
    } catch {
      // A profile with invalid settings shares nothing.
    }
  }

  return names;
}

interface LoginArguments {
  profile: string;
}

export const loginCommand: CommandModule<object, LoginArguments> = {
  command: 'login',
  describe: 'Log in to Vault with the profile\'s auth_method and cache the token for credential-process',
  builder: (yargs) =>
    yargs.option('profile', {
      type: 'string',
      demandOption: true,
      describe: 'Profile in the profile map (profiles.ini) whose Vault address and auth settings (auth_method, auth_mount, auth_role, username, ...) to log in with; userpass and ldap prompt for the password, oidc opens the browser and waits up to 5 minutes on port 8250 (oidc_callback_port)',
    }),
  handler: async (args) => {
    await login({ profile: args.profile, env: process.env });
  },
};
