import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readTextFile } from './readTextFile';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vault-aws-read-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('readTextFile', () => {
  it('returns undefined for a missing file', async () => {
    expect(await readTextFile(join(directory, 'missing'))).toBeUndefined();
  });

  it('keeps a byte order mark', async () => {
    await writeFile(join(directory, 'config'), Buffer.from('\uFEFF[default]\n', 'utf8'));
    expect(await readTextFile(join(directory, 'config'))).toBe('\uFEFF[default]\n');
  });

  it('rejects bytes that are not UTF-8', async () => {
    await writeFile(join(directory, 'config'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    await expect(readTextFile(join(directory, 'config'))).rejects.toThrow(/is not valid UTF-8/);
  });
});
