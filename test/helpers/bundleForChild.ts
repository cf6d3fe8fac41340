import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Bundles a TypeScript entry into one CommonJS file in a temporary directory, so that tests can run
 * it in many child processes with plain `node` (starting a TypeScript loader per child is slow).
 */
export async function bundleForChild(entry: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'vault-aws-bundle-')), `${basename(entry, '.ts')}.cjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return outfile;
}
