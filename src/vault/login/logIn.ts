import type { VaultClient } from '../vaultClient';
import { LoginRequiredError } from './loginErrors';
import type { LoginPrompter } from './loginPrompter';
import { isInteractiveMethod, type LoginSettings, type LoginToken } from './loginSettings';
import { loginWithAppRole } from './loginWithAppRole';
import { loginWithAws } from './loginWithAws';
import { loginWithJwt } from './loginWithJwt';
import { loginWithOidc } from './loginWithOidc';
import { loginWithPassword } from './loginWithPassword';

type Environment = Record<string, string | undefined>;

/** Inputs a login may use besides the settings. Without a prompter, methods that need a person fail. */
export interface LoginContext {
  env: Environment;
  prompter?: LoginPrompter;
  openBrowser?: (url: string) => Promise<void>;
}

/** Logs in with the configured method and returns the new token. */
export async function logIn(client: VaultClient, settings: LoginSettings, context: LoginContext): Promise<LoginToken> {
  if (isInteractiveMethod(settings.method) && context.prompter === undefined) {
    throw new LoginRequiredError(settings.method);
  }

  switch (settings.method) {
    case 'approle':
      return loginWithAppRole(client, settings, context.env);
    case 'jwt':
    case 'kubernetes':
      return loginWithJwt(client, settings);
    case 'aws':
      return loginWithAws(client, settings, context.env);
    case 'userpass':
    case 'ldap':
      return loginWithPassword(client, settings, context.prompter as LoginPrompter);
    case 'oidc':
      return loginWithOidc(client, settings, context.prompter as LoginPrompter, context.openBrowser ?? rejectBrowser);
  }
}

function rejectBrowser(): Promise<void> {
  return Promise.reject(new Error('no browser available'));
}
