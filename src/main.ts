import { join } from 'node:path';
import { enableDebug } from './log';
import { serveFromCache } from './serveFromCache';

/*
 * The program behind the executable (dist/hit-path.cjs, run by dist/main.cjs with V8's code cache).
 * `credential-process --profile NAME` runs on every AWS CLI call, so this file serves a cache hit
 * with Node's built-in modules only. A miss loads credential-process.cjs beside this file (the
 * Vault client, cache writes and the lock); every other command loads cli.cjs.
 */

// A warning on stderr breaks the AWS SDK for C++, which parses stderr together with stdout.
process.removeAllListeners('warning');

const argv = process.argv.slice(2);
const request = parseCredentialProcessRequest(argv);
if (request === undefined) {
  const cli = require(join(__dirname, 'cli.cjs')) as { main(argv: string[]): Promise<void> };
  void cli.main(argv);
} else if (!request.forceRefresh && tryCacheHit(request)) {
  // Served from the cache.
} else {
  const miss = require(join(__dirname, 'credential-process.cjs')) as { main(request: CredentialProcessRequest): Promise<void> };
  void miss.main(request);
}

interface CredentialProcessRequest {
  profile: string;
  forceRefresh: boolean;
  debug: boolean;
}

function tryCacheHit(hit: CredentialProcessRequest): boolean {
  if (hit.debug) {
    enableDebug();
  }

  try {
    return serveFromCache(hit.profile);
  } catch {
    // The miss path repeats the same steps and reports the error properly.
    return false;
  }
}

/**
 * Recognizes `credential-process --profile NAME [--force-refresh] [--debug]`, options in any order.
 * Anything else, `--help` and malformed options included, goes to the full command line.
 */
function parseCredentialProcessRequest(args: string[]): CredentialProcessRequest | undefined {
  if (args[0] !== 'credential-process') {
    return undefined;
  }

  let profile: string | undefined;
  let forceRefresh = false;
  let debug = false;
  for (let index = 1; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--profile' && index + 1 < args.length && profile === undefined) {
      index += 1;
      profile = args[index];
    } else if (arg.startsWith('--profile=') && profile === undefined) {
      profile = arg.slice('--profile='.length);
    } else if (arg === '--force-refresh') {
      forceRefresh = true;
    } else if (arg === '--debug') {
      debug = true;
    } else {
      return undefined;
    }
  }

  return profile === undefined || profile === '' ? undefined : { profile, forceRefresh, debug };
}
