// Builds four CommonJS files:
// - dist/main.cjs, the executable: a small loader that runs dist/hit-path.cjs with V8's code cache;
// - dist/hit-path.cjs, the cache-hit path, which loads only Node's built-in modules;
// - dist/credential-process.cjs, which the hit path loads on a cache miss;
// - dist/cli.cjs, every other command with the command-line framework.
// CommonJS starts faster than ESM on Node 20, and bundling removes module resolution at start-up.
// Last, one cache hit in a temporary HOME writes dist/hit-path.cache, the compiled hit path.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  entryPoints: ['src/loadWithCodeCache.ts'],
  outfile: 'dist/main.cjs',
  banner: { js: '#!/usr/bin/env node' },
  minify: true,
});
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/hit-path.cjs',
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

writeCodeCache();

/**
 * Runs one cache hit of a made-up profile with VAULT_AWS_CODE_CACHE_OUTPUT set, so that the loader
 * writes V8's code cache of everything the hit compiled. The address is never contacted on a hit.
 */
function writeCodeCache() {
  const output = 'dist/hit-path.cache';
  rmSync(output, { force: true });
  const home = mkdtempSync(join(tmpdir(), 'vault-aws-build-'));
  try {
    const cache = join(home, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    writeFileSync(join(home, 'profiles.ini'), '[profile warm-up]\nvault_role = warm_up\n');
    const now = Math.floor(Date.now() / 1000);
    // The fingerprint of the profile above, as src/credentials/fingerprint.ts computes it.
    const fingerprint = JSON.stringify(['http://127.0.0.1:9', '', 'aws', 'warm_up', '', 3600, '']);
    const entry = {
      format: 1,
      profile: 'warm-up',
      fingerprint,
      fetchedAt: now,
      ttl: 3600,
      expiresAt: now + 3600,
      accessKeyId: 'ASIAWARMUPWARMUPWARM',
      secretAccessKey: 'warmupwarmupwarmupwarmupwarmupwarmupwarm',
      sessionToken: 'warmupwarmupwarmup',
    };
    writeFileSync(join(cache, 'profile-warm-up.json'), JSON.stringify(entry), { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: home, VAULT_ADDR: 'http://127.0.0.1:9', VAULT_AWS_CONFIG_FILE: join(home, 'profiles.ini'), VAULT_AWS_CACHE_DIR: cache, VAULT_AWS_CODE_CACHE_OUTPUT: join(process.cwd(), output) };
    const printed = execFileSync(process.execPath, ['dist/main.cjs', 'credential-process', '--profile', 'warm-up'], { env, encoding: 'utf8' });
    if (!printed.includes('ASIAWARMUPWARMUPWARM') || !existsSync(output)) {
      throw new Error('the warm-up cache hit did not print the seeded credentials or write dist/hit-path.cache');
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
