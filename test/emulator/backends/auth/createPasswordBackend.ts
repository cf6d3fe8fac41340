import type { Backend, PathCall, PathSpec } from '../../core/framework/pathSpec';
import type { HandlerOutcome } from '../../core/logicalResponse';
import { badRequest, coreError } from '../../core/vaultHttpError';
import type { LoginTokenOptions } from '../../types';
import { issueLoginToken } from './issueLoginToken';

export interface PasswordUser {
  password: string;
  token: LoginTokenOptions;
}

export interface PasswordBackend extends Backend {
  users: Map<string, PasswordUser>;
}

/** Vault's `framework.GenericNameRegex`, used for userpass user names. */
const USERPASS_LOGIN = /^login\/(?<username>\w(?:(?:[\w\-.]+)?\w)?)$/;
const LDAP_LOGIN = /^login\/(?<username>.+)$/;

/** Creates a userpass or LDAP auth mount with `login/<username>`. LDAP users are checked against the added users because no directory is contacted. */
export function createPasswordBackend(type: 'userpass' | 'ldap'): PasswordBackend {
  const users = new Map<string, PasswordUser>();
  const paths: PathSpec[] = [
    {
      pattern: type === 'userpass' ? USERPASS_LOGIN : LDAP_LOGIN,
      fields: { username: 'string', password: 'string' },
      operations: { update: (call) => (type === 'userpass' ? userpassLogin(call, users) : ldapLogin(call, users)) },
      unauthenticated: true,
      synopsis: 'Log in with a username and password.',
    },
  ];
  return { type, paths: () => paths, users };
}

/** Userpass lower-cases the user name; a missing password is a plain Go error in Vault, hence the wrapped 500. */
function userpassLogin(call: PathCall, users: Map<string, PasswordUser>): HandlerOutcome {
  const username = call.fields.string('username').toLowerCase();
  const password = call.fields.string('password');
  if (password === '') {
    throw coreError(500, 'missing password');
  }

  const user = users.get(username);
  if (user === undefined || user.password !== password) {
    throw badRequest('invalid username or password');
  }

  return issueLoginToken(call.request, { options: user.token, metadata: { username }, displayName: username });
}

function ldapLogin(call: PathCall, users: Map<string, PasswordUser>): HandlerOutcome {
  const username = call.fields.string('username');
  const password = call.fields.string('password');
  // NOTE: these are meant to be the texts of Vault's LDAP backend with `deny_null_bind` on (the default), but they were not compared with a running Vault.
  if (password === '') {
    throw badRequest('password cannot be of zero length when passwordless binds are being denied');
  }

  const user = users.get(username);
  if (user === undefined || user.password !== password) {
    throw badRequest('ldap operation failed: failed to bind as user');
  }

  return issueLoginToken(call.request, { options: user.token, metadata: { username }, displayName: username });
}
