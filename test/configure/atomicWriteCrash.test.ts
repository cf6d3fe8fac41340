import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { bundleForChild } from '../helpers/bundleForChild';
import { crashTestContents } from './crashTestContents';

const ROUNDS = 20;
let loopScript: string;
let directory: string;

beforeAll(async () => {
  loopScript = await bundleForChild(join(import.meta.dirname, 'atomicWriteLoop.ts'));
});

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vault-aws-crash-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Starts the write loop, waits for its first write, kills it after `delayMs`, and waits for it to exit. */
async function killWriterAfter(target: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [loopScript, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`write loop exited with ${code} before its first write`)));
  });

  await sleep(delayMs);
  child.kill('SIGKILL');
  await exited;
}

describe('writeFileAtomic killed mid-write', () => {
  it('leaves either the old or the new file', async () => {
    const [first, second] = crashTestContents();
    const target = join(directory, 'config');
    let interruptedWrites = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      await writeFile(target, first);
      await killWriterAfter(target, 5 + Math.floor(Math.random() * 80));

      const content = await readFile(target, 'utf8');
      expect([first, second], `target after round ${round}`).toContain(content);

      const backup = await readFile(`${target}.vault-aws.bak`, 'utf8');
      expect([first, second], `backup after round ${round}`).toContain(backup);

      const leftovers = (await readdir(directory)).filter((name) => name.endsWith('.tmp'));
      interruptedWrites += leftovers.length > 0 ? 1 : 0;
      await Promise.all(leftovers.map((name) => rm(join(directory, name))));
    }

    // A temporary file left behind shows that the kill landed in the middle of a write.
    expect(interruptedWrites).toBeGreaterThan(0);
  });
});
