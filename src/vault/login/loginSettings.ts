/** `auth_method` values; `token` uses an existing token instead of logging in. */
export const AUTH_METHODS = ['token', 'approle', 'jwt', 'kubernetes', 'aws', 'userpass', 'ldap', 'oidc'] as const;

export type AuthMethod = (typeof AUTH_METHODS)[number];

export type LoginMethod = Exclude<AuthMethod, 'token'>;

/** Methods that need a person at the terminal or browser; they run only in `vault-aws login`. */
export const INTERACTIVE_METHODS: readonly LoginMethod[] = ['userpass', 'ldap', 'oidc'];

/** Path of a Kubernetes pod's service account token, which is also Vault Agent's default. */
export const KUBERNETES_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** How to log in to Vault; none of these fields is a secret. */
export interface LoginSettings {
  method: LoginMethod;
  /** Auth mount path without `auth/`; default the method's name. */
  mount: string;
  /** `auth_role`: the role of the jwt, kubernetes, aws or oidc method. */
  role: string | undefined;
  /** AppRole role ID, from the profile map or `VAULT_ROLE_ID`. */
  roleId: string | undefined;
  /** File holding the AppRole secret ID, or a wrapping token for it; else `VAULT_SECRET_ID` is read. */
  secretIdFile: string | undefined;
  /** File holding the JWT for jwt and kubernetes. */
  jwtFile: string | undefined;
  /** User name for userpass and ldap. */
  username: string | undefined;
  /** Value of `X-Vault-AWS-IAM-Server-ID` signed into the aws login, when the mount requires one. */
  iamServerId: string | undefined;
  /** Region the aws login's STS request is signed for; undefined uses the global endpoint and us-east-1. */
  awsRegion: string | undefined;
  /** Loopback port for the OIDC callback; undefined uses 8250, as the Vault CLI does. */
  callbackPort: number | undefined;
}

/** A token obtained by logging in. */
export interface LoginToken {
  token: string;
  /** Seconds the token lives from `obtainedAt`; 0 means it does not expire. */
  leaseSeconds: number;
  renewable: boolean;
  /** When the login request was sent, in milliseconds since the epoch. */
  obtainedAt: number;
}

export function isInteractiveMethod(method: LoginMethod): boolean {
  return INTERACTIVE_METHODS.includes(method);
}
