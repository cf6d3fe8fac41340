import { VaultAwsError } from '../../errors';

/** The profile needs a login that a person must do; `credential-process` cannot prompt. */
export class LoginRequiredError extends VaultAwsError {
  readonly method: string;

  constructor(method: string, options: { cause?: unknown } = {}) {
    super(`auth_method ${method} needs a person to log in, which credential-process cannot ask for`, options);
    this.method = method;
  }
}

/** A login input (role ID, secret ID, JWT file) is missing or unreadable; the message names the setting. */
export class LoginInputError extends VaultAwsError {}
