// Builds three CommonJS bundles: dist/main.cjs, the executable and cache-hit path, which loads only
// Node's built-in modules; dist/credential-process.cjs, which main.cjs loads on a cache miss; and
// dist/cli.cjs, every other command with the command-line framework.
// CommonJS starts faster than ESM on Node 20, and bundling removes module resolution at start-up.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  define: { VAULT_AWS_VERSION: JSON.stringify(version) },
};

// The hit path is minified because V8 parses all of it on every AWS CLI call; cli.cjs keeps readable
// stack traces for --debug.
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.cjs',
  banner: { js: '#!/usr/bin/env node' },
  minify: true,
});
await build({
  ...common,
  entryPoints: ['src/credentialProcessMain.ts'],
  outfile: 'dist/credential-process.cjs',
});
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.cjs',
});
chmodSync('dist/main.cjs', 0o755);
