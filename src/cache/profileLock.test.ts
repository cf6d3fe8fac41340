import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForChild } from '../../test/helpers/bundleForChild';
import { CacheError } from '../errors';
import { acquireProfileLock, LockTimeoutError, STALE_MS } from './profileLock';

const run = promisify(execFile);
let worker: string;

beforeAll(async () => {
  worker = await bundleForChild(join(__dirname, '../../test/fixtures/lockWorker.ts'));
});

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'vault-aws-lock-'));
}

describe('acquireProfileLock', () => {
  it('excludes other processes', async () => {
    const directory = temporaryDirectory();
    const counter = join(directory, 'counter');
    const lock = join(directory, 'p.lock');

    await Promise.all(Array.from({ length: 8 }, () => run(process.execPath, [worker, 'count', counter, lock, '20'])));

    expect(readFileSync(counter, 'utf8')).toBe('160');
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a killed process at once', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    const holder = spawn(process.execPath, [worker, 'hold', lock], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));

    const { stdout } = await run(process.execPath, [worker, 'acquire', lock, '20000']);

    expect(Number(stdout)).toBeLessThan(2000);
  });

  it('waits for a live owner and times out with the path', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    const held = await acquireProfileLock(lock, Date.now() + 1000);

    const error = await acquireProfileLock(lock, Date.now() + 300).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CacheError);
    expect((error as CacheError).message).toContain(lock);
    held.release();
  });

  it('takes over a lock from another host once its heartbeat stops', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: `not-${hostname()}` }));
    const old = new Date(Date.now() - STALE_MS - 1000);
    utimesSync(lock, old, old);

    const taken = await acquireProfileLock(lock, Date.now() + 1000);

    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    taken.release();
    expect(existsSync(lock)).toBe(false);
  });

  it('keeps a fresh lock from another host', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: `not-${hostname()}` }));

    await expect(acquireProfileLock(lock, Date.now() + 300)).rejects.toThrow(/timed out waiting/);
  });

  it('takes over a lock whose mtime, slightly ahead, stops moving', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: `not-${hostname()}` }));
    const ahead = new Date(Date.now() + 4000);
    utimesSync(lock, ahead, ahead);
    const startedAt = Date.now();

    const taken = await acquireProfileLock(lock, startedAt + STALE_MS + 3000);

    // Without watching the mtime, the lock would look fresh until 4 s past the stale time.
    expect(Date.now() - startedAt).toBeLessThan(STALE_MS + 2000);
    taken.release();
  });

  it('times out with a LockTimeoutError', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    const held = await acquireProfileLock(lock, Date.now() + 1000);

    await expect(acquireProfileLock(lock, Date.now() + 200)).rejects.toBeInstanceOf(LockTimeoutError);
    held.release();
  });

  it('reports that it waited', async () => {
    const directory = temporaryDirectory();
    const lock = join(directory, 'p.lock');
    const first = await acquireProfileLock(lock, Date.now() + 1000);
    setTimeout(() => first.release(), 150);

    const second = await acquireProfileLock(lock, Date.now() + 5000);

    expect(first.waited).toBe(false);
    expect(second.waited).toBe(true);
    second.release();
  });
});
