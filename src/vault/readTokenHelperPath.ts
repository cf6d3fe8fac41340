import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { expandHome, homeDirectory } from '../profiles/paths';
import { readNonEmptyVaultVariable } from './readVaultVariable';

type Environment = Record<string, string | undefined>;

/**
 * Reads `token_helper` from the Vault CLI configuration (`VAULT_CONFIG_PATH`, else `~/.vault`), an
 * HCL or JSON file in which `token_helper` is the only valid key. Returns undefined when the file
 * does not exist or sets no helper.
 */
export function readTokenHelperPath(env: Environment): { helper: string | undefined; configPath: string } {
  const configPath = readNonEmptyVaultVariable(env, 'CONFIG_PATH')?.value ?? join(homeDirectory(env), '.vault');
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { helper: undefined, configPath };
    }

    throw new ConfigError(`cannot read the Vault CLI configuration ${configPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: configPath, cause: error });
  }

  const helper = text.trimStart().startsWith('{') ? readJson(text, configPath) : readHcl(text, configPath);
  return { helper: helper === undefined || helper === '' ? undefined : expandHome(helper, env), configPath };
}

function readJson(text: string, configPath: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the Vault CLI configuration ${configPath} is not valid JSON; fix or remove it`, { file: configPath, cause: error });
  }

  const settings = parsed as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (key !== 'token_helper') {
      throw new ConfigError(`invalid key "${key}" in the Vault CLI configuration ${configPath}; token_helper is the only valid key`, { file: configPath });
    }
  }

  const helper = settings['token_helper'];
  return typeof helper === 'string' ? helper : undefined;
}

function readHcl(text: string, configPath: string): string | undefined {
  let helper: string | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const content = line.replace(/^\s*(#|\/\/).*$/, '').trim();
    if (content === '') {
      continue;
    }

    const match = /^"?([A-Za-z0-9_-]+)"?\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))\s*$/.exec(content);
    if (match === null) {
      throw new ConfigError(`line ${index + 1} of the Vault CLI configuration ${configPath} is not "key = value"; fix or remove it`, { file: configPath });
    }

    if (match[1] !== 'token_helper') {
      throw new ConfigError(`invalid key "${match[1]}" on line ${index + 1} of the Vault CLI configuration ${configPath}; token_helper is the only valid key`, { file: configPath });
    }

    helper = match[2] === undefined ? match[3] : JSON.parse(`"${match[2]}"`) as string;
  }

  return helper;
}
