import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, GLOBAL_OPTIONS, listCommandPaths } from '../../src/completion/commandTable';
import { createSandbox } from '../helpers/sandbox';
import { seedCacheEntry } from './seedCacheEntry';

const sandbox = createSandbox();

async function helpOf(path: string): Promise<string> {
  const result = await sandbox.run([...path.split(' ').filter((word) => word !== ''), '--help']);
  expect(result.code).toBe(0);
  return result.stdout;
}

function optionNames(help: string): string[] {
  return [...help.matchAll(/^\s+(?:-\w, )?--([a-z][a-z-]*)/gm)].map((match) => match[1] as string).sort();
}

/** Returns the subcommand names in the Commands: section of `help`. */
function commandNames(help: string, prefix: string): string[] {
  const section = /^Commands:\n((?:.+\n)+)/m.exec(help)?.[1] ?? '';
  const pattern = new RegExp(`^\\s+vault-aws ${prefix}([a-z][a-z-]*)`, 'gm');
  return [...section.matchAll(pattern)].map((match) => match[1] as string).sort();
}

describe('completion table', () => {
  it('lists every command of --help', async () => {
    expect(COMMANDS.map((command) => command.name).sort()).toEqual(commandNames(await helpOf(''), ''));
  });

  it.each(listCommandPaths().map((entry) => [entry.path, entry.command] as const))('matches the options of %s', async (path, command) => {
    const help = await helpOf(path);

    expect([...command.options, ...GLOBAL_OPTIONS].map((option) => option.name).sort()).toEqual(optionNames(help));
    expect((command.subcommands ?? []).map((sub) => sub.name).sort()).toEqual(commandNames(help, `${path} `));
  });
});

describe('help text', () => {
  it.each(['env', 'exec', 'list', 'doctor'])('shows the defaults of %s', async (command) => {
    const help = await helpOf(command);
    const optionLines = help.split('Options:')[1] ?? '';

    expect(optionLines).toContain('[default: false]');
    expect(optionLines).not.toMatch(/--[a-z-]+\s*\[/);
  });

  it('names the env format default', async () => {
    expect(await helpOf('env')).toContain('[default: "sh"]');
  });

  it('names the exec default command', async () => {
    expect(await helpOf('exec')).toContain('[default: $SHELL]');
  });

  it('shows the README PowerShell pipeline', async () => {
    expect(await helpOf('env')).toContain('vault-aws env --profile b-s3 --format powershell | Out-String | Invoke-Expression');
  });

  it('names every variable exec removes', async () => {
    const help = (await helpOf('exec')).replace(/\s+/g, ' ');

    expect(help).toContain('AWS_PROFILE, AWS_DEFAULT_PROFILE and AWS_SECURITY_TOKEN removed');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

    const result = await sandbox.run(['--version']);

    expect(result.stdout.trim()).toBe(version);
  });
});

describe('JSON output', () => {
  const json = createSandbox();
  json.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
  seedCacheEntry(json, '[profile b-s3]\nvault_role = s3_access\n', 'b-s3');

  it.each([
    ['list', '--json'],
    ['cache', 'list', '--json'],
    ['env', '--profile', 'b-s3', '--format', 'json'],
    ['doctor', '--json'],
  ])('prints one line for %s', async (...args) => {
    const result = await json.run(args);

    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });
});

describe('configure --help', () => {
  it('starts every option description with a capital', async () => {
    const help = await helpOf('configure');
    const descriptions = [...help.matchAll(/^\s+(?:-\w, )?--[a-z-]+\s+(\S)/gm)].map((match) => match[1] as string);

    expect(descriptions.length).toBeGreaterThan(10);
    expect(descriptions.filter((first) => /[a-z]/.test(first))).toEqual([]);
  });

  it('gives the ttl limits', async () => {
    expect(await helpOf('configure')).toMatch(/at least 15m, at most 36h; under 30m prints a\s+warning/);
  });
});
