import type { VaultClient } from '../vaultClient';
import { LoginInputError } from './loginErrors';
import type { LoginPrompter } from './loginPrompter';
import type { LoginSettings, LoginToken } from './loginSettings';
import { sendLogin } from './sendLogin';

/**
 * Logs in with userpass or ldap: `{password}` to `auth/<mount>/login/<username>`. The user name
 * comes from `username` or a prompt; the password is always prompted for and never stored.
 */
export async function loginWithPassword(client: VaultClient, settings: LoginSettings, prompter: LoginPrompter): Promise<LoginToken> {
  const username = settings.username ?? (await prompter.ask(`Username for ${settings.method} at auth/${settings.mount}`));
  if (username === '') {
    throw new LoginInputError(`auth_method ${settings.method} needs a user name; set username in the profile map or type one`);
  }

  const password = await prompter.askSecret(`Password for ${username}`);
  if (password === '') {
    throw new LoginInputError('the password is empty');
  }

  return sendLogin(client, settings.mount, `login/${username}`, { password });
}
