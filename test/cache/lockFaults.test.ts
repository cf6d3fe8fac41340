import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentProcessIdentity } from '../../src/cache/processIdentity';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { bundleForChild } from '../helpers/bundleForChild';
import { isolatedSandbox } from '../helpers/isolatedSandbox';
import type { Sandbox } from '../helpers/sandbox';

const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  console.warn('skipping the full-disk lock test: mounting a small tmpfs needs root');
}

let vault: VaultEmulator;
let worker: string;
const mounts: string[] = [];

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  worker = await bundleForChild(join(__dirname, '../fixtures/lockWorker.ts'));
});

afterAll(async () => {
  await vault.close();
});

afterEach(() => {
  for (const mount of mounts.splice(0)) {
    spawnSync('umount', ['-l', mount]);
  }
});

/** Creates an isolated sandbox with an existing cache directory and the path of its profile's lock. */
function lockSandbox(): { sandbox: Sandbox; lock: string; requests: () => number } {
  const { sandbox, requests } = isolatedSandbox(vault);
  mkdirSync(sandbox.cacheDirectory, { recursive: true, mode: 0o700 });
  return { sandbox, lock: join(sandbox.cacheDirectory, 'profile-p.json.lock'), requests };
}

function setModified(path: string, offsetMs: number): void {
  const when = new Date(Date.now() + offsetMs);
  utimesSync(path, when, when);
}

async function timedRun(sandbox: Sandbox, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; elapsedMs: number }> {
  const started = Date.now();
  const result = await sandbox.run(['credential-process', '--profile', 'p'], extraEnv, { timeoutMs: 40_000 });
  return { code: result.code, stderr: result.stderr, elapsedMs: Date.now() - started };
}

describe('locks without an owner', () => {
  it('takes over an empty lock older than a second at once', async () => {
    const { sandbox, lock } = lockSandbox();
    writeFileSync(lock, '', { mode: 0o600 });
    setModified(lock, -2_000);

    const result = await timedRun(sandbox);

    expect(result.code).toBe(0);
    expect(result.elapsedMs).toBeLessThan(3_000);
    expect(existsSync(lock)).toBe(false);
  });

  it('waits about a second for a new empty lock and logs it once', async () => {
    const { sandbox, lock } = lockSandbox();
    writeFileSync(lock, '', { mode: 0o600 });

    const result = await timedRun(sandbox, { VAULT_AWS_DEBUG: '1' });

    expect(result.code).toBe(0);
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.stderr.split('\n').filter((line) => line.includes('cannot read the owner'))).toHaveLength(1);
  });

  it.each([
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
    ['a symbolic link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path)],
    ['a 100 MB file', (path: string) => writeFileSync(path, Buffer.alloc(100 * 1024 * 1024, 'x'), { mode: 0o600 })],
  ])('takes over a lock that is %s without reading it', async (_kind, create) => {
    const { sandbox, lock } = lockSandbox();
    create(lock);

    const result = await timedRun(sandbox);

    expect(result.code).toBe(0);
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(existsSync(lock)).toBe(false);
  });

  it('ignores a failure record that is a FIFO or a link to /dev/zero', async () => {
    for (const create of [(path: string) => execFileSync('mkfifo', [path]), (path: string) => symlinkSync('/dev/zero', path)]) {
      const { sandbox } = lockSandbox();
      create(join(sandbox.cacheDirectory, 'profile-p.json.failure'));

      const result = await timedRun(sandbox);

      expect(result.code).toBe(0);
      expect(result.elapsedMs).toBeLessThan(5_000);
    }
  });

  it.runIf(isRoot)('leaves no lock when the disk is full', async () => {
    const { sandbox, lock, requests } = lockSandbox();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', sandbox.cacheDirectory]);
    mounts.push(sandbox.cacheDirectory);
    const filler = join(sandbox.cacheDirectory, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' });

    const full = await timedRun(sandbox);
    rmSync(filler);
    const before = requests();
    const freed = await timedRun(sandbox);

    expect(full.code).toBe(0);
    expect(readdirSync(sandbox.cacheDirectory).filter((name) => name.includes('.lock'))).toEqual([]);
    expect(freed.code).toBe(0);
    expect(freed.elapsedMs).toBeLessThan(5_000);
    expect(requests() - before).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

});

describe('lock mtime in the future', () => {
  it('is stale for credential-process and for cache clear', async () => {
    const { sandbox, lock } = lockSandbox();
    const owner = JSON.stringify({ ...currentProcessIdentity(), host: 'other-host' });
    writeFileSync(lock, owner, { mode: 0o600 });
    setModified(lock, 75_000);

    const result = await timedRun(sandbox);
    writeFileSync(lock, owner, { mode: 0o600 });
    setModified(lock, 75_000);
    const cleared = await sandbox.run(['cache', 'clear']);

    expect(result.code).toBe(0);
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).not.toContain('Kept');
    expect(existsSync(lock)).toBe(false);
  });
});

describe('lock holder in another PID namespace', () => {
  const unshare = ['/usr/bin/unshare', '/bin/unshare'].find((path) => existsSync(path));
  let reason: string | undefined;
  if (!isRoot) {
    reason = 'creating a PID namespace needs root';
  } else if (unshare === undefined) {
    reason = 'unshare (util-linux) is not installed';
  }

  if (reason !== undefined) {
    console.warn(`skipping the PID namespace lock test: ${reason}`);
  }

  it.skipIf(reason !== undefined)('is waited for, not taken over at once', async () => {
    const { lock } = lockSandbox();
    // The holder gets a PID near pid_max in its own namespace, a PID no process has in this one.
    const pidMax = Number(execFileSync('cat', ['/proc/sys/kernel/pid_max'], { encoding: 'utf8' }));
    const script = `echo ${pidMax - 100} > /proc/sys/kernel/ns_last_pid && "$NODE" "$WORKER" hold "$LOCK"`;
    // --kill-child ends the namespace, and the holder with it, when unshare is killed.
    const holder = spawn(unshare as string, ['--pid', '--fork', '--mount-proc', '--kill-child', 'sh', '-c', script], {
      env: { ...process.env, NODE: process.execPath, WORKER: worker, LOCK: lock },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));

      const started = Date.now();
      const waited = spawnSync(process.execPath, [worker, 'acquire', lock, '1500'], { encoding: 'utf8' });

      expect(waited.status).toBe(1);
      expect(waited.stderr).toContain('timed out waiting');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      expect(existsSync(lock)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
