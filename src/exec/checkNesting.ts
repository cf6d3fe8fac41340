import { UsageError } from '../errors';

type Environment = Record<string, string | undefined>;

/** Set by `exec` in the command's environment to the profile whose credentials it contains. */
export const EXEC_PROFILE_VARIABLE = 'VAULT_AWS_EXEC_PROFILE';

/** Set by `exec` to how many `exec` processes are running around the command. */
export const EXEC_DEPTH_VARIABLE = 'VAULT_AWS_EXEC_DEPTH';

/**
 * Deepest nesting of `exec` allowed. A deeper chain almost certainly comes from a wrapper script
 * that runs itself through `vault-aws exec`, which would otherwise start processes until memory
 * runs out.
 */
export const MAX_EXEC_DEPTH = 8;

/**
 * Rejects an `exec` inside another `exec` for a different profile unless `allowNested` is set,
 * because the inner credentials would silently replace the outer ones. Returns the nesting depth
 * of the new command.
 */
export function checkNesting(env: Environment, profile: string, allowNested: boolean): number {
  const outerProfile = env[EXEC_PROFILE_VARIABLE];
  if (outerProfile !== undefined && outerProfile !== '' && outerProfile !== profile && !allowNested) {
    throw new UsageError(
      `this shell already runs inside "vault-aws exec" for profile "${outerProfile}" (${EXEC_PROFILE_VARIABLE} is set); exit it first, or pass --allow-nested to run a command with profile "${profile}" inside it`,
    );
  }

  const depthText = env[EXEC_DEPTH_VARIABLE] ?? '';
  const depth = /^\d+$/.test(depthText) ? Number(depthText) : 0;
  if (depth >= MAX_EXEC_DEPTH) {
    throw new UsageError(
      `"vault-aws exec" is already nested ${depth} levels deep (${EXEC_DEPTH_VARIABLE}), which looks like a command that runs itself through "vault-aws exec"; check wrapper scripts on PATH`,
    );
  }

  return depth + 1;
}
