import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quotePosix } from '../../src/output/formatEnvironment';
import { CLI, createSandbox, type Sandbox } from '../helpers/sandbox';
import { seedCacheEntry } from './seedCacheEntry';

const MAP = '[profile b-s3]\nvault_role = s3_access\n';

/**
 * A command that counts the signals it receives. It prints "ready" once its handlers are in place,
 * and 500 ms after the first signal prints the counts as JSON and exits with 42.
 */
const COUNTING_CHILD = `
const counts = {};
let timer;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2', 'SIGQUIT']) {
  process.on(signal, () => {
    counts[signal] = (counts[signal] ?? 0) + 1;
    timer ??= setTimeout(() => {
      process.stdout.write(JSON.stringify(counts) + '\\n');
      process.exit(42);
    }, 500);
  });
}
process.stdout.write('ready\\n');
setInterval(() => undefined, 1000);
`;

let sandbox: Sandbox;
let child: string;

beforeAll(() => {
  sandbox = createSandbox();
  sandbox.writeProfileMap(MAP);
  seedCacheEntry(sandbox, MAP, 'b-s3');
  child = join(sandbox.home, 'countSignals.cjs');
  writeFileSync(child, COUNTING_CHILD);
});

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/**
 * Starts a program in a new session, so that it has no controlling terminal, waits until the
 * command prints "ready", then calls `act` with the program's process.
 */
function runUntilReady(program: string, args: string[], act: (process: ReturnType<typeof spawn>) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = spawn(program, args, { env: { ...sandbox.env, SHELL: '/bin/sh' }, stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    let stdout = '';
    let acted = false;
    const timer = setTimeout(() => started.kill('SIGKILL'), 20_000);
    started.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!acted && stdout.includes('ready')) {
        acted = true;
        act(started);
      }
    });
    started.on('error', reject);
    started.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout });
    });
  });
}

function countsOf(stdout: string): Record<string, number> {
  // A terminal echoes Ctrl-C as ^C in front of the line.
  const json = /\{.*\}/.exec(stdout)?.[0];
  return JSON.parse(json ?? '{}') as Record<string, number>;
}

describe('exec signal forwarding', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2', 'SIGQUIT'] as const)('passes %s on once', async (signal) => {
    const outcome = await runUntilReady(process.execPath, [CLI, 'exec', '--profile', 'b-s3', '--', process.execPath, child], (started) => {
      started.kill(signal);
    });

    expect(countsOf(outcome.stdout)).toEqual({ [signal]: 1 });
    expect(outcome.signal).toBeNull();
    expect(outcome.code).toBe(42);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('delivers Ctrl-C from a terminal once', async () => {
    // script(1) runs the line with sh -c in a pseudo-terminal, whose line discipline turns \x03 into SIGINT for the
    // foreground process group. The line starts with exec so that sh, which SIGINT would end, is not in between.
    const line = ['exec', process.execPath, CLI, 'exec', '--profile', 'b-s3', '--', process.execPath, child].map(quotePosix).join(' ');

    const outcome = await runUntilReady('/usr/bin/script', ['-qfec', line, '/dev/null'], (started) => {
      started.stdin?.write('\x03');
    });

    expect(countsOf(outcome.stdout)).toEqual({ SIGINT: 1 });
    expect(outcome.code).toBe(42);
  });
});
