import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The built executable; `npm test` builds it before the tests run. */
export const CLI = resolve(__dirname, '../../dist/main.cjs');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  home: string;
  /** The environment every command runs with: a temporary HOME and no inherited VAULT_* or AWS_* variables. */
  env: Record<string, string>;
  profileMapPath: string;
  cacheDirectory: string;
  awsConfigPath: string;
  writeProfileMap(text: string): void;
  run(args: string[], extraEnv?: Record<string, string | undefined>, options?: { input?: string; timeoutMs?: number }): Promise<RunResult>;
}

/** Creates a temporary HOME with the tool's default file locations inside it. */
export function createSandbox(vault?: { url: string; token?: string }): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'vault-aws-home-'));
  const profileMapPath = join(home, '.config', 'vault-aws', 'profiles.ini');
  const cacheDirectory = join(home, '.cache', 'vault-aws');
  const awsConfigPath = join(home, '.aws', 'config');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: awsConfigPath,
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  if (vault !== undefined) {
    env['VAULT_ADDR'] = vault.url;
    if (vault.token !== undefined) {
      env['VAULT_TOKEN'] = vault.token;
    }
  }

  return {
    home,
    env,
    profileMapPath,
    cacheDirectory,
    awsConfigPath,
    writeProfileMap(text: string): void {
      mkdirSync(dirname(profileMapPath), { recursive: true });
      writeFileSync(profileMapPath, text);
    },
    run: (args, extraEnv = {}, options = {}) => runCli(args, withoutUndefined({ ...env, ...extraEnv }), options),
  };
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined));
}

/** Runs the built CLI to completion and collects its output. */
export function runCli(args: string[], env: Record<string, string>, options: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input);
  });
}
