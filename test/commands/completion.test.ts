import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quotePosix } from '../../src/output/formatEnvironment';
import { CLI, createSandbox, type Sandbox } from '../helpers/sandbox';

const HOSTILE_PROFILE = '$(touch CANARY)';
const MAP = `[profile b-s3]\nvault_role = s3_access\n\n[profile dev]\nvault_role = dev\n\n[profile ${HOSTILE_PROFILE}]\nvault_role = x\n`;

let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = createSandbox();
  sandbox.writeProfileMap(MAP);

  // The scripts run "vault-aws list --names", so the built executable goes on PATH under that name.
  const bin = join(sandbox.home, 'bin');
  mkdirSync(bin);
  symlinkSync(CLI, join(bin, 'vault-aws'));
  env = { ...sandbox.env, PATH: `${bin}:${sandbox.env.PATH}` };

  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await sandbox.run(['completion', shell]);
    expect(result.code).toBe(0);
    writeFileSync(join(sandbox.home, `completion.${shell}`), result.stdout);
  }
});

function canaryExists(): boolean {
  return existsSync(join(sandbox.home, 'CANARY'));
}

/** Runs the bash completion function on `line`, whose last word is the one being completed. */
function completeInBash(line: string): string[] {
  const words = line.split(' ');
  const script = [
    `source ${quotePosix(join(sandbox.home, 'completion.bash'))}`,
    `COMP_WORDS=(${words.map(quotePosix).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${quotePosix(line)}`,
    '_vault_aws',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const stdout = execFileSync('/usr/bin/bash', ['--norc', '-c', script], { env, cwd: sandbox.home, encoding: 'utf8' });
  return stdout.split('\n').filter((word) => word !== '');
}

describe('bash completion', () => {
  it('completes commands', () => {
    expect(completeInBash('vault-aws ')).toEqual(['configure', 'credential-process', 'cache', 'env', 'exec', 'list', 'login', 'doctor', 'completion']);
    expect(completeInBash('vault-aws e')).toEqual(['env', 'exec']);
    expect(completeInBash('vault-aws c')).toEqual(['configure', 'credential-process', 'cache', 'completion']);
  });

  it('completes subcommands and their options', () => {
    expect(completeInBash('vault-aws cache ')).toEqual(['list', 'clear']);
    expect(completeInBash('vault-aws cache list --j')).toEqual(['--json']);
  });

  it('completes options of a command', () => {
    expect(completeInBash('vault-aws env --')).toEqual(['--profile', '--format', '--force-refresh', '--debug', '--help', '--version']);
  });

  it('completes profile names from the map', () => {
    expect(completeInBash('vault-aws env --profile ')).toEqual(['b-s3', 'dev', HOSTILE_PROFILE]);
    expect(completeInBash('vault-aws exec --profile d')).toEqual(['dev']);
    expect(completeInBash('vault-aws doctor --profile = b')).toEqual(['b-s3']);
    expect(completeInBash('vault-aws configure --vault-role ')).toEqual([]);
    expect(canaryExists()).toBe(false);
  });

  it('completes formats and shells', () => {
    expect(completeInBash('vault-aws env --profile dev --format p')).toEqual(['powershell']);
    expect(completeInBash('vault-aws completion ')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('completes the command after exec --', () => {
    expect(completeInBash('vault-aws exec --profile dev -- printen')).toContain('printenv');
    expect(completeInBash('vault-aws exec --profile dev printen')).toContain('printenv');
  });
});

/** Runs the zsh completion function on `line` with compadd and _normal replaced by functions that print their arguments. */
function completeInZsh(line: string): string[] {
  const words = line.split(' ');
  const script = [
    'autoload -Uz compinit && compinit -u -D',
    `source ${quotePosix(join(sandbox.home, 'completion.zsh'))}`,
    "compadd() { [[ $1 == -P ]] && { local prefix=$2; shift 2; }; [[ $1 == -- ]] && shift; print -l -- ${prefix:+${prefix}}${^@} }",
    '_normal() { print -l -- "normal:${words[1]}" }',
    '_command_names() { print -l -- commands }',
    `words=(${words.map(quotePosix).join(' ')})`,
    `CURRENT=${words.length}`,
    '_vault_aws',
  ].join('\n');
  const stdout = execFileSync('/usr/bin/zsh', ['-f', '-c', script], { env, cwd: sandbox.home, encoding: 'utf8' });
  return stdout.split('\n').filter((word) => word !== '');
}

describe.skipIf(!existsSync('/usr/bin/zsh'))('zsh completion', () => {
  it('registers with compdef', () => {
    const script = `autoload -Uz compinit && compinit -u -D; source ${quotePosix(join(sandbox.home, 'completion.zsh'))}; print -r -- $_comps[vault-aws]`;

    expect(execFileSync('/usr/bin/zsh', ['-f', '-c', script], { env, encoding: 'utf8' }).trim()).toBe('_vault_aws');
  });

  it('completes commands and subcommands', () => {
    expect(completeInZsh('vault-aws ')).toEqual(['configure', 'credential-process', 'cache', 'env', 'exec', 'list', 'login', 'doctor', 'completion']);
    expect(completeInZsh('vault-aws cache ')).toEqual(['list', 'clear']);
  });

  it('completes options and their values', () => {
    expect(completeInZsh('vault-aws doctor --')).toEqual(['--profile', '--json', '--debug', '--help', '--version']);
    expect(completeInZsh('vault-aws env --profile ')).toEqual(['b-s3', 'dev', HOSTILE_PROFILE]);
    expect(completeInZsh('vault-aws env --format=')).toContain('--format=fish');
    expect(canaryExists()).toBe(false);
  });

  it('hands the command after exec -- to _normal', () => {
    expect(completeInZsh('vault-aws exec --profile dev -- aws s')).toEqual(['normal:aws']);
  });
});

function completeInFish(line: string): string[] {
  const script = `source ${quotePosix(join(sandbox.home, 'completion.fish'))}; complete -C ${quotePosix(line)}`;
  const stdout = execFileSync('/usr/bin/fish', ['--no-config', '-c', script], { env, cwd: sandbox.home, encoding: 'utf8' });
  return stdout.split('\n').filter((word) => word !== '').map((entry) => entry.split('\t')[0] as string);
}

describe.skipIf(!existsSync('/usr/bin/fish'))('fish completion', () => {
  it('completes commands and subcommands', () => {
    expect(completeInFish('vault-aws ').sort()).toEqual(['cache', 'completion', 'configure', 'credential-process', 'doctor', 'env', 'exec', 'list', 'login']);
    expect(completeInFish('vault-aws cache ').sort()).toEqual(['clear', 'list']);
  });

  it('completes options and their values', () => {
    expect(completeInFish('vault-aws env --f').sort()).toEqual(['--force-refresh', '--format']);
    expect(completeInFish('vault-aws env --profile ').sort()).toEqual([HOSTILE_PROFILE, 'b-s3', 'dev'].sort());
    expect(completeInFish('vault-aws env --format ').sort()).toEqual(['cmd', 'dotenv', 'fish', 'json', 'powershell', 'sh']);
    expect(canaryExists()).toBe(false);
  });

  it('completes the command after exec --', () => {
    expect(completeInFish('vault-aws exec --profile dev -- printen')).toContain('printenv');
  });
});
