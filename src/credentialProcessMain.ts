import { checkPathVariables } from './checkPathVariables';
import { credentialProcess } from './commands/credentialProcess';
import { enableDebug } from './log';
import { handleStdoutErrors } from './output/stdoutFailure';
import { reportError } from './reportError';

/**
 * Entry of dist/credential-process.cjs: `credential-process` after a cache miss, without the
 * command-line framework and the other commands, which a miss does not need.
 */
export async function main(request: { profile: string; forceRefresh: boolean; debug: boolean }): Promise<void> {
  if (request.debug) {
    enableDebug();
  }

  handleStdoutErrors();
  try {
    checkPathVariables(process.env);
    await credentialProcess({ profile: request.profile, forceRefresh: request.forceRefresh, env: process.env });
  } catch (error) {
    reportError(error);
  }
}
