import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/*
 * The executable, dist/main.cjs. It runs dist/hit-path.cjs with V8's code cache from
 * dist/hit-path.cache, which the build writes after one warm-up run: compiling the hit path's
 * functions from scratch took about 1 ms of the 4 ms that a cache hit adds to Node's start.
 * A missing, stale or rejected cache only means that V8 compiles as usual.
 */

const HIT_PATH = join(__dirname, 'hit-path.cjs');
const CODE_CACHE = join(__dirname, 'hit-path.cache');

const source = readFileSync(HIT_PATH, 'utf8');
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(CODE_CACHE);
} catch {
  cachedData = undefined;
}

// The same wrapper as Node's CommonJS loader, so that the hit path gets require, module and __dirname.
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new Script(wrapped, { filename: HIT_PATH, ...(cachedData === undefined ? {} : { cachedData }) });
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;

// Set only by the build, which runs one cache hit to produce the cache.
const cacheOutput = process.env['VAULT_AWS_CODE_CACHE_OUTPUT'];
if (cacheOutput !== undefined && cacheOutput !== '') {
  process.on('exit', () => writeFileSync(cacheOutput, script.createCachedData()));
}

run(module.exports, require, module, HIT_PATH, __dirname);
