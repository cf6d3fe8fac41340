import { describe, expect, it } from 'vitest';
import { createSandbox } from '../helpers/sandbox';

const sandbox = createSandbox();
sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

/** Every command line that takes --profile, with the other arguments it needs. */
const PROFILE_COMMANDS = [['credential-process'], ['env'], ['exec'], ['login'], ['doctor'], ['cache', 'clear'], ['configure', '--vault-role', 'r']];

async function usageError(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<string> {
  const result = await sandbox.run(args, extraEnv);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toHaveLength(2);
  return result.stderr.trim();
}

describe('usage error messages', () => {
  it('names the help once without a command', async () => {
    const message = await usageError([]);

    expect(message).toBe('vault-aws: Name a command; "vault-aws --help" lists them.');
  });

  it('names option, value and choices', async () => {
    const message = await usageError(['env', '--profile', 'b-s3', '--format', 'zsh']);

    expect(message).toBe('vault-aws: invalid --format "zsh"; use one of sh, fish, powershell, cmd, dotenv, json');
  });

  it('names the invalid completion shell', async () => {
    const message = await usageError(['completion', 'tcsh']);

    expect(message).toBe('vault-aws: invalid shell "tcsh"; use one of bash, zsh, fish');
  });

  it('tells exec to put the command after --', async () => {
    const message = await usageError(['exec', '--profile', 'b-s3', 'ls', '-la']);

    expect(message).toContain('exec does not take -l, -a;');
    expect(message).toContain('put the command to run after --');
  });

  it('points an unknown option at its command help', async () => {
    const message = await usageError(['list', '--bogus']);

    expect(message).toBe('vault-aws: unknown option --bogus for list; "vault-aws list --help" lists its options');
  });

  it('suggests the option a typo is close to, without the camelCase alias', async () => {
    const message = await usageError(['configure', '--profile', 'z', '--vault-rol', 's3_access']);

    expect(message).toBe('vault-aws: unknown option --vault-rol for configure; did you mean --vault-role? "vault-aws configure --help" lists its options');
  });

  it('suggests a command for a typo followed by options', async () => {
    const message = await usageError(['credential-proces', '--profile', 'x']);

    expect(message).toContain('vault-aws: unknown command "credential-proces"; did you mean credential-process?');
  });

  it('names a misspelt required option instead of calling it missing', async () => {
    const message = await usageError(['exec', '--profil', 'x', '--', 'true']);

    expect(message).toBe('vault-aws: unknown option --profil for exec; did you mean --profile? "vault-aws exec --help" lists its options');
  });

  it('names an unknown command', async () => {
    const message = await usageError(['nosuchcmd']);

    expect(message).toContain('vault-aws: unknown command "nosuchcmd"; the commands are configure, credential-process');
  });

  it('names a missing required option', async () => {
    const message = await usageError(['env']);

    expect(message).toBe('vault-aws: missing required option --profile; "vault-aws env --help" describes it');
  });

  it('asks for a subcommand of cache', async () => {
    const message = await usageError(['cache']);

    expect(message).toBe('vault-aws: cache needs a command; "vault-aws cache --help" lists them');
  });

  it.each([
    ['/bin/dash', 'SHELL is "/bin/dash"'],
    [undefined, 'SHELL is unset'],
  ])('names the supported shells for SHELL=%s', async (shell, found) => {
    const message = await usageError(['completion'], { SHELL: shell });

    expect(message).toBe(`vault-aws: ${found}, and completion scripts exist only for bash, zsh, fish; pass the shell name, as in "vault-aws completion bash"`);
  });
});

describe('--profile', () => {
  it.each(PROFILE_COMMANDS)('rejects an empty value for %s', async (...command) => {
    const message = await usageError([...command, '--profile']);

    expect(message).toBe('vault-aws: --profile takes exactly one profile name, but it was given none; pass --profile NAME');
  });

  it.each(PROFILE_COMMANDS)('rejects --profile= for %s', async (...command) => {
    const message = await usageError([...command, '--profile=']);

    expect(message).toContain('--profile takes exactly one profile name');
  });

  it.each(PROFILE_COMMANDS)('rejects a repeated value for %s', async (...command) => {
    const message = await usageError([...command, '--profile', 'a', '--profile', 'b']);

    expect(message).toBe('vault-aws: --profile takes exactly one profile name, but it was given 2 times ("a", "b"); pass --profile NAME once');
  });
});
