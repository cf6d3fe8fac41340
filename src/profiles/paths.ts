import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/*
 * Where files live. The rules are written out here instead of taken from env-paths: that package
 * adds a `-nodejs` suffix by default, accepts relative XDG paths (the XDG spec says to ignore them)
 * and offers a temp directory in the shared /tmp, which must never hold credentials.
 */

const APP_NAME = 'vault-aws';

type Environment = Record<string, string | undefined>;

export function homeDirectory(env: Environment = process.env): string {
  const home = env['HOME'];
  return home !== undefined && home !== '' ? home : homedir();
}

/** The XDG base directory named by `variable` when it is set to an absolute path, else `fallback`. */
function xdgDirectory(env: Environment, variable: string, fallback: string): string {
  const value = env[variable];
  return value !== undefined && isAbsolute(value) ? value : fallback;
}

/** `VAULT_AWS_CONFIG_FILE`, else `profiles.ini` in the tool's config directory. */
export function profileMapPath(env: Environment = process.env): string {
  const explicit = env['VAULT_AWS_CONFIG_FILE'];
  if (explicit !== undefined && explicit !== '') {
    return expandHome(explicit, env);
  }

  return join(configDirectory(env), 'profiles.ini');
}

export function configDirectory(env: Environment = process.env): string {
  const home = homeDirectory(env);
  if (process.platform === 'darwin') {
    return join(xdgDirectory(env, 'XDG_CONFIG_HOME', join(home, 'Library', 'Preferences')), APP_NAME);
  }

  if (process.platform === 'win32') {
    return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_NAME, 'Config');
  }

  return join(xdgDirectory(env, 'XDG_CONFIG_HOME', join(home, '.config')), APP_NAME);
}

/** `VAULT_AWS_CACHE_DIR`, else the tool's directory under the platform's per-user cache directory. */
export function cacheDirectory(env: Environment = process.env): string {
  const explicit = env['VAULT_AWS_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') {
    return expandHome(explicit, env);
  }

  const home = homeDirectory(env);
  if (process.platform === 'darwin') {
    return join(xdgDirectory(env, 'XDG_CACHE_HOME', join(home, 'Library', 'Caches')), APP_NAME);
  }

  if (process.platform === 'win32') {
    return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), APP_NAME, 'Cache');
  }

  return join(xdgDirectory(env, 'XDG_CACHE_HOME', join(home, '.cache')), APP_NAME);
}

/** `AWS_CONFIG_FILE`, else `~/.aws/config`, as every AWS SDK reads it. */
export function awsConfigPath(env: Environment = process.env): string {
  const explicit = env['AWS_CONFIG_FILE'];
  if (explicit !== undefined && explicit !== '') {
    return expandHome(explicit, env);
  }

  return join(homeDirectory(env), '.aws', 'config');
}

/** `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. */
export function awsCredentialsPath(env: Environment = process.env): string {
  const explicit = env['AWS_SHARED_CREDENTIALS_FILE'];
  if (explicit !== undefined && explicit !== '') {
    return expandHome(explicit, env);
  }

  return join(homeDirectory(env), '.aws', 'credentials');
}

export function expandHome(path: string, env: Environment = process.env): string {
  if (path === '~') {
    return homeDirectory(env);
  }

  if (path.startsWith('~/')) {
    return join(homeDirectory(env), path.slice(2));
  }

  return path;
}
