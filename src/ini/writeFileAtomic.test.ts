import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeFileAtomic } from './writeFileAtomic';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vault-aws-write-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a new file with mode 0600 and no backup', async () => {
    const path = join(directory, 'aws', 'config');
    const result = await writeFileAtomic(path, '[default]\n');

    expect(await readFile(path, 'utf8')).toBe('[default]\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(result.backup).toBeUndefined();
  });

  it('keeps the mode of an existing file', async () => {
    const path = join(directory, 'config');
    await writeFile(path, 'old\n');
    await chmod(path, 0o640);

    await writeFileAtomic(path, 'new\n');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it('saves the previous bytes as a 0600 backup', async () => {
    const path = join(directory, 'config');
    await writeFile(path, 'old\r\nbytes');
    await chmod(path, 0o644);

    const result = await writeFileAtomic(path, 'new\n');
    expect(result.backup).toBe(`${path}.vault-aws.bak`);
    expect(await readFile(`${path}.vault-aws.bak`, 'utf8')).toBe('old\r\nbytes');
    expect((await stat(`${path}.vault-aws.bak`)).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlink and keeps the link', async () => {
    const dotfiles = join(directory, 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, 'aws-config'), 'old\n');
    await chmod(join(dotfiles, 'aws-config'), 0o644);
    const link = join(directory, 'config');
    await symlink(join('dotfiles', 'aws-config'), link);

    const result = await writeFileAtomic(link, 'new\n');

    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(join('dotfiles', 'aws-config'));
    expect(await readFile(join(dotfiles, 'aws-config'), 'utf8')).toBe('new\n');
    expect((await stat(join(dotfiles, 'aws-config'))).mode & 0o777).toBe(0o644);
    expect(result.target).toBe(join(dotfiles, 'aws-config'));
    expect(result.backup).toBe(join(dotfiles, 'aws-config.vault-aws.bak'));
  });

  it('follows a chain of symlinks', async () => {
    await writeFile(join(directory, 'real'), 'old\n');
    await symlink(join(directory, 'real'), join(directory, 'middle'));
    await symlink(join(directory, 'middle'), join(directory, 'config'));

    await writeFileAtomic(join(directory, 'config'), 'new\n');
    expect(await readFile(join(directory, 'real'), 'utf8')).toBe('new\n');
    expect((await lstat(join(directory, 'middle'))).isSymbolicLink()).toBe(true);
  });

  it('creates the target of a dangling symlink', async () => {
    await symlink(join(directory, 'missing'), join(directory, 'config'));

    await writeFileAtomic(join(directory, 'config'), 'new\n');
    expect(await readFile(join(directory, 'missing'), 'utf8')).toBe('new\n');
  });

  it('rejects a symlink loop', async () => {
    await symlink(join(directory, 'b'), join(directory, 'a'));
    await symlink(join(directory, 'a'), join(directory, 'b'));

    await expect(writeFileAtomic(join(directory, 'a'), 'x')).rejects.toThrow(/more than 40 symlinks/);
  });

  it('leaves no temporary file behind', async () => {
    const path = join(directory, 'config');
    await writeFileAtomic(path, 'one\n');
    await writeFileAtomic(path, 'two\n');

    expect((await readdir(directory)).sort()).toEqual(['config', 'config.vault-aws.bak']);
  });

  it('keeps the old file when the write fails', async () => {
    const path = join(directory, 'config');
    await writeFile(path, 'old\n');
    // A directory where the backup belongs makes the write fail before the target is replaced.
    await mkdir(`${path}.vault-aws.bak`);

    await expect(writeFileAtomic(path, 'new\n')).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe('old\n');
    expect((await readdir(directory)).sort()).toEqual(['config', 'config.vault-aws.bak']);
  });
});
