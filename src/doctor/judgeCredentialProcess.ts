import { accessSync, constants, realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { splitCommandLine } from './splitCommandLine';

/** Paths of this copy of vault-aws. */
export interface Installation {
  /** Absolute path of the Node.js binary. */
  nodePath: string;
  /** Absolute path of `dist/main.cjs`. */
  entryPath: string;
}

export type CredentialProcessState =
  /** Runs this installation by absolute path, for this profile. */
  | 'this-installation'
  /** Runs vault-aws credential-process, but for another profile. */
  | 'other-profile'
  /** Runs vault-aws credential-process by a name that PATH resolves. */
  | 'relative-path'
  /** Runs another copy of vault-aws, or a program that does not exist. */
  | 'other-installation'
  /** Runs something other than vault-aws credential-process. */
  | 'other-command'
  | 'missing';

export interface CredentialProcessJudgement {
  state: CredentialProcessState;
  /** One sentence on what the line runs, never a secret. */
  detail: string;
}

/** Judges a `credential_process` value, split as the AWS CLI splits it, against this installation. */
export function judgeCredentialProcess(value: string | undefined, profile: string, installation: Installation): CredentialProcessJudgement {
  if (value === undefined || value === '') {
    return { state: 'missing', detail: 'the profile has no credential_process' };
  }

  const words = splitCommandLine(value);
  const subcommand = words?.indexOf('credential-process') ?? -1;
  if (words === undefined || subcommand < 1) {
    return { state: 'other-command', detail: `credential_process runs ${JSON.stringify(value)}, not vault-aws credential-process` };
  }

  const program = words[0] as string;
  const entry = words[subcommand - 1] as string;
  const named = profileArgument(words.slice(subcommand + 1));
  if (named !== profile) {
    return { state: 'other-profile', detail: `credential_process asks vault-aws for profile ${JSON.stringify(named ?? '')}, not ${JSON.stringify(profile)}` };
  }

  if (!isAbsolute(program)) {
    return { state: 'relative-path', detail: `credential_process starts ${JSON.stringify(program)} through PATH, which applications started from a desktop may not have` };
  }

  if (!isExecutable(program)) {
    return { state: 'other-installation', detail: `credential_process starts ${program}, which does not exist or is not executable` };
  }

  if (!samePath(entry, installation.entryPath)) {
    return { state: 'other-installation', detail: `credential_process runs ${entry}, another copy of vault-aws than this one (${installation.entryPath})` };
  }

  return { state: 'this-installation', detail: `credential_process runs this installation: ${program === entry ? entry : `${program} ${entry}`}` };
}

function profileArgument(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === '--profile') {
      return args[index + 1];
    }

    if (arg.startsWith('--profile=')) {
      return arg.slice('--profile='.length);
    }
  }

  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Compares two paths after resolving symbolic links, so that /usr/bin/vault-aws matches the file it links to. */
function samePath(left: string, right: string): boolean {
  try {
    return realpathSync(left) === realpathSync(right);
  } catch {
    return left === right;
  }
}
