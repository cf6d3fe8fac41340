import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { withFileLock } from './withFileLock';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vault-aws-lock-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('withFileLock', () => {
  it('runs holders one after the other', async () => {
    const path = join(directory, 'config');
    const events: string[] = [];
    const hold = (name: string) =>
      withFileLock(path, async () => {
        events.push(`${name} start`);
        await sleep(50);
        events.push(`${name} end`);
      });

    await Promise.all([hold('a'), hold('b')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('removes the lock file afterwards', async () => {
    const path = join(directory, 'config');
    await withFileLock(path, async () => undefined);
    await expect(readFile(`${path}.vault-aws.lock`)).rejects.toThrow(/ENOENT/);
  });

  it('takes over the lock of a process that has exited', async () => {
    const path = join(directory, 'config');
    // PIDs are below 2^22 on Linux, so this one cannot be running.
    await writeFile(`${path}.vault-aws.lock`, '99999999\n');

    expect(await withFileLock(path, async () => 'ran', 1_000)).toBe('ran');
  });

  it('times out while a running process holds the lock', async () => {
    const path = join(directory, 'config');
    await writeFile(`${path}.vault-aws.lock`, `${process.pid}\n`);

    await expect(withFileLock(path, async () => 'ran', 300)).rejects.toThrow(`held by process ${process.pid}`);
  });
});
