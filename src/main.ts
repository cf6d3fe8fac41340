import { join } from 'node:path';
import { enableDebug } from './log';
import { serveFromCache } from './serveFromCache';

/*
 * The executable. `credential-process --profile NAME` runs on every AWS CLI call, so a cache hit is
 * answered here with Node's built-in modules only. Everything else, a miss included, loads the full
 * program from cli.cjs beside this file.
 */

// A warning on stderr breaks the AWS SDK for C++, which parses stderr together with stdout.
process.removeAllListeners('warning');

const argv = process.argv.slice(2);
const hitRequest = parseHitRequest(argv);
let served = false;
if (hitRequest !== undefined) {
  if (hitRequest.debug) {
    enableDebug();
  }

  try {
    served = serveFromCache(hitRequest.profile);
  } catch {
    // The full program repeats the same steps and reports the error properly.
    served = false;
  }
}

if (!served) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(join(__dirname, 'cli.cjs')) as { main(argv: string[]): Promise<void> };
  void cli.main(argv);
}

/** Recognizes exactly `credential-process --profile NAME [--debug]`, in any order of the options. */
function parseHitRequest(args: string[]): { profile: string; debug: boolean } | undefined {
  if (args[0] !== 'credential-process') {
    return undefined;
  }

  let profile: string | undefined;
  let debug = false;
  for (let index = 1; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--profile' && index + 1 < args.length && profile === undefined) {
      index += 1;
      profile = args[index];
    } else if (arg.startsWith('--profile=') && profile === undefined) {
      profile = arg.slice('--profile='.length);
    } else if (arg === '--debug') {
      debug = true;
    } else {
      return undefined;
    }
  }

  return profile === undefined || profile === '' ? undefined : { profile, debug };
}
