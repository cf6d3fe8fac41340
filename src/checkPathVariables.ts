import { isAbsolute } from 'node:path';
import { ConfigError } from './errors';

/** Variables that name a file or directory of vault-aws; `~/` at the start stands for HOME. */
const PATH_VARIABLES = ['VAULT_AWS_CACHE_DIR', 'VAULT_AWS_CONFIG_FILE'];

/**
 * Rejects a relative VAULT_AWS_CACHE_DIR or VAULT_AWS_CONFIG_FILE. A credential_process runs in
 * whatever directory the AWS SDK's program happens to be in, so a relative path would name a
 * different place from run to run. The XDG base directory specification ignores relative paths
 * for the same reason.
 */
export function checkPathVariables(env: Record<string, string | undefined>): void {
  for (const name of PATH_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '' || value === '~' || value.startsWith('~/') || isAbsolute(value)) {
      continue;
    }

    if (value.startsWith('~')) {
      throw new ConfigError(`${name}=${JSON.stringify(value)} starts with ~USER, which vault-aws does not expand (only ~/ for HOME); set it to an absolute path`);
    }

    throw new ConfigError(`${name}=${JSON.stringify(value)} is a relative path, which would be resolved against whatever directory the AWS SDK runs in; set it to an absolute path or one that starts with ~/`);
  }
}
