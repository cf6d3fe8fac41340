import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { VaultAwsError } from '../errors';
import { homeDirectory } from '../profiles/paths';
import { debug, rememberSecret } from '../log';
import { readTokenHelperPath } from './readTokenHelperPath';
import { readVaultVariable } from './readVaultVariable';

type Environment = Record<string, string | undefined>;

export interface FoundToken {
  token: string;
  /** The token's source, for messages: `VAULT_TOKEN`, `token helper /path`, `/home/u/.vault-token`. */
  source: string;
}

/** No token in any of the places the Vault CLI looks. */
export class NoTokenError extends VaultAwsError {}

/** How long a token helper may take to print the token, in milliseconds. */
const TOKEN_HELPER_TIMEOUT_MS = 10_000;

/**
 * Finds the Vault token the way the Vault CLI does: `VAULT_TOKEN`, else the `token_helper` named in
 * the CLI configuration, else `~/.vault-token`. Surrounding whitespace is trimmed from every source.
 */
export async function findToken(env: Environment): Promise<FoundToken> {
  const checked: string[] = [];

  const fromEnvironment = readVaultVariable(env, 'TOKEN');
  const variableName = fromEnvironment?.variable ?? 'VAULT_TOKEN';
  if (fromEnvironment !== undefined && fromEnvironment.value.trim() !== '') {
    return { token: checkPrintable(fromEnvironment.value.trim(), fromEnvironment.variable), source: fromEnvironment.variable };
  }

  checked.push(`${variableName} (${fromEnvironment === undefined ? 'unset' : 'empty'})`);

  const { helper, configPath } = readTokenHelperPath(env);
  if (helper !== undefined) {
    const path = isAbsolute(helper) ? helper : resolve(helper);
    const token = await runTokenHelper(path, env);
    if (token !== '') {
      return { token: checkPrintable(token, `token helper ${path}`), source: `token helper ${path}` };
    }

    checked.push(`token helper ${path} (printed nothing)`);
  } else {
    const tokenFile = join(homeDirectory(env), '.vault-token');
    const token = await readTokenFile(tokenFile);
    if (token !== '') {
      return { token: checkPrintable(token, tokenFile), source: tokenFile };
    }

    checked.push(`token_helper in ${configPath} (not set)`, `${tokenFile} (missing or empty)`);
  }

  throw new NoTokenError(`no Vault token found (checked ${checked.join(', ')}); run "vault login" or set VAULT_TOKEN`);
}

async function readTokenFile(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    debug(`token: ${path} not read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return '';
  }
}

function runTokenHelper(path: string, env: Environment): Promise<string> {
  debug(`token: running token helper ${path} get`);
  return new Promise((resolvePromise, reject) => {
    execFile(path, ['get'], { env: env as NodeJS.ProcessEnv, timeout: TOKEN_HELPER_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error !== null) {
        const code = (error as NodeJS.ErrnoException).code;
        let reason = `exit code ${String(code)}`;
        if (typeof code === 'string') {
          reason = code;
        } else if (error.killed) {
          reason = `killed after ${TOKEN_HELPER_TIMEOUT_MS / 1000} s`;
        }

        const message = String(stderr).trim().split('\n')[0]?.slice(0, 200) ?? '';
        reject(new VaultAwsError(`token helper "${path} get" failed (${reason})${message === '' ? '' : `: ${message}`}; fix the helper or token_helper in the Vault CLI configuration`, { cause: error }));
        return;
      }

      resolvePromise(String(stdout).trim());
    });
  });
}

function checkPrintable(token: string, source: string): string {
  rememberSecret(token);
  if (/[^\x21-\x7e]/.test(token)) {
    throw new VaultAwsError(`the Vault token from ${source} contains non-printable characters and cannot be used; store the token alone`);
  }

  return token;
}
