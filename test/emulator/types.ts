/** Options of `startVaultEmulator`. */
export interface EmulatorOptions {
  /** Emulated Vault release, `MAJOR.MINOR.PATCH`; it decides the response shapes. Default `1.17.0`. */
  version?: string;
  /** Serve HTTPS with a certificate for 127.0.0.1 and localhost, signed by a CA generated at start. */
  tls?: boolean;
  /** Require a client certificate signed by the emulator's CA (mutual TLS); implies `tls`. */
  clientCertificate?: boolean;
  /** Listen on this unix socket path instead of TCP; `url` becomes `unix://PATH`. */
  unixSocket?: string;
  /** Only loopback is allowed; the port is always an ephemeral one. */
  host?: '127.0.0.1';
  /** Value of the root token; a random `hvs.` token when absent. */
  rootToken?: string;
  /** Called once for every request after its response was sent, dropped or left hanging. */
  onRequest?: (request: RecordedRequest) => void;
}

/** Fields of an AWS secrets engine role as `POST <mount>/roles/<name>` takes them, plus the simulated AWS side. */
export interface RoleDefinition {
  credential_type: string;
  role_arns: string[] | string;
  policy_arns: string[] | string;
  policy_document: string;
  iam_groups: string[] | string;
  iam_tags: Record<string, string> | string[];
  session_tags: Record<string, string> | string[];
  external_id: string;
  /** Seconds or a Go duration string. */
  default_sts_ttl: number | string;
  /** Seconds or a Go duration string. */
  max_sts_ttl: number | string;
  user_path: string;
  permissions_boundary_arn: string;
  mfa_serial_number: string;
  /** Deprecated role or policy ARN; makes a legacy role. */
  arn: string;
  /** Deprecated inline policy; makes a legacy role. */
  policy: string;
  /** The IAM role's MaxSessionDuration in seconds (AWS default 3600, at most 43200). */
  maxSessionDuration: number;
  /** Makes every STS or IAM call for this role fail the way AWS does. */
  awsError: 'AccessDenied' | 'Throttling';
  /** The one-time code that `mfa_code` must carry for a session_token role with `mfa_serial_number`. */
  mfaCode: string;
}

/** Settings of one mounted AWS secrets engine. */
export interface AwsMountOptions {
  /** Mount max lease TTL in seconds; default 2764800 (768h, Vault's system default). */
  maxLeaseTtlSeconds?: number;
  /** Mount default lease TTL in seconds; default 2764800. */
  defaultLeaseTtlSeconds?: number;
  /** `<mount>/config/lease` `lease` in seconds, used for iam_user leases; 0 means the mount default. */
  leaseSeconds?: number;
  /** `<mount>/config/lease` `lease_max` in seconds; 0 means the mount maximum. */
  leaseMaxSeconds?: number;
  /** Vault's own AWS identity is an assumed role, so AWS limits AssumeRole to one hour (role chaining). */
  roleChaining?: boolean;
  /** Vault uses root-account keys, so AWS caps federation and session tokens at one hour. */
  rootCredentials?: boolean;
  /** ARN of Vault's own AWS identity, named in simulated AccessDenied messages. */
  vaultIdentityArn?: string;
}

/** Options of `addToken`. */
export interface TokenOptions {
  /** Policy names; default `["default"]`. `root` makes a root token. */
  policies?: string[];
  /** An inline policy for this token: path pattern (with `*` and `+` globs) to capabilities. */
  capabilities?: Record<string, string[]>;
  /** Token TTL in seconds; default 2764800. 0 means no expiry. */
  ttlSeconds?: number;
  /** Number of requests the token may make; 0 means unlimited. */
  numUses?: number;
  /** Create the token already expired. */
  expired?: boolean;
  displayName?: string;
  meta?: Record<string, string>;
}

/** Token settings shared by all login methods. */
export interface LoginTokenOptions {
  /** Token policies; `default` is added unless already present. */
  policies?: string[];
  /** Token TTL in seconds; default 2764800. */
  tokenTtlSeconds?: number;
  /** Token use limit; 0 means unlimited. */
  tokenNumUses?: number;
}

export interface AppRoleOptions extends LoginTokenOptions {
  mount?: string;
  roleId?: string;
  secretId?: string;
  /** Require a secret_id at login; default true. */
  bindSecretId?: boolean;
}

export interface PasswordLoginOptions extends LoginTokenOptions {
  mount?: string;
}

export interface JwtRoleOptions extends LoginTokenOptions {
  mount?: string;
  /** Allowed `aud` values; empty accepts any audience. */
  boundAudiences?: string[];
  /** Required `sub`. */
  boundSubject?: string;
  /** Claims that must match exactly. */
  boundClaims?: Record<string, string>;
  /** Claim that names the user; default `sub`. */
  userClaim?: string;
  /** Also make this role the mount's `default_role`. */
  isDefault?: boolean;
  /** PEM public keys (RSA or EC); when given, the JWT signature must verify with one of them. */
  publicKeys?: string[];
}

export interface KubernetesRoleOptions extends LoginTokenOptions {
  mount?: string;
  /** Allowed service account names; `*` allows any. */
  serviceAccountNames: string[];
  /** Allowed namespaces; `*` allows any. */
  namespaces: string[];
}

export interface AwsAuthRoleOptions extends LoginTokenOptions {
  mount?: string;
  /** IAM principal ARNs allowed to log in; a trailing `*` is a glob. */
  boundIamPrincipalArns: string[];
}

export interface AwsAuthOptions {
  mount?: string;
  /** Value that the signed request's `X-Vault-AWS-IAM-Server-ID` header must carry. */
  iamServerIdHeaderValue?: string;
  /** ARN the simulated `sts:GetCallerIdentity` returns for every signed request. */
  callerArn?: string;
}

/** Credentials created by `addAppRole`. */
export interface AppRoleCredentials {
  roleId: string;
  secretId: string;
}

/** Options of `createWrappingToken`. */
export interface WrapOptions {
  /** Default 300. */
  ttlSeconds?: number;
  /** Default `sys/wrapping/wrap`. */
  creationPath?: string;
}

/** Cluster and listener conditions that tests flip at run time. */
export interface EmulatorState {
  /** Emulated Vault version; changing it changes later responses. */
  version: string;
  sealed: boolean;
  initialized: boolean;
  /** A standby that cannot forward: requests get 307 to `activeAddress`, health gets 429. */
  standby: boolean;
  /** Performance standby: health gets 473; requests are served. */
  perfStandby: boolean;
  /** DR secondary: health gets 472. */
  drSecondary: boolean;
  /** Node removed from its Raft cluster: health gets 530. */
  removedFromCluster: boolean;
  /** Standby whose heartbeat to the active node fails: health gets 474. */
  haUnhealthy: boolean;
  /** Offset of the emulated Vault clock from real time. It shifts every timestamp, shortens or lengthens `data.ttl`, and is reported as `clock_skew_ms` by `sys/health`. */
  clockSkewMs: number;
  /** Active node address used in the 307 `Location`; with `null` a standby returns 503 `no active Vault instance found`. */
  activeAddress: string | null;
  /** Act like a Vault Agent listener with `require_request_header`: 412 without `X-Vault-Request: true`. */
  requireRequestHeader: boolean;
  /** Rate-limit quota exceeded on every request; `retryAfterSeconds` also turns on the rate-limit headers. */
  rateLimit: { retryAfterSeconds?: number; limit?: number } | null;
  /** Request limiter full: 503 `overloaded, try again later`. */
  overloaded: boolean;
}

/** Transport and status failures for testing client timeouts and retries. */
export interface Faults {
  /** Apply only to requests whose path (without `/v1/`) starts with this. */
  pathPrefix?: string;
  /** Delay before any response, in milliseconds. */
  latencyMs?: number;
  /** Never respond; `close()` still ends the connection. */
  hang?: boolean;
  /** Destroy the connection without a response. */
  dropConnection?: boolean;
  /** Send the normal status and headers with a Content-Length larger than the body, then close. */
  truncateBody?: boolean;
  /** Send the normal status, headers and half the body, then stall without closing. */
  stallBody?: boolean;
  /** Answer with an HTML error page as a reverse proxy would, with this status (for example 502). */
  htmlStatus?: number;
  /** Answer with a Vault-style JSON error. */
  status?: { code: number; errors: string[]; retryAfter?: string };
  /** Apply the failure faults (all but `latencyMs`) to the next N matching requests only. */
  failTimes?: number;
}

/** One request as the emulator received it. */
export interface RecordedRequest {
  method: string;
  /** Path after `/v1/` without the query, for example `aws/sts/s3_access`; other paths keep their leading `/`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case header names; `x-vault-token` and a bearer `authorization` read `[redacted]`. */
  headers: Record<string, string | string[] | undefined>;
  /** Whether a token came in `X-Vault-Token` or `Authorization: Bearer`. */
  hasToken: boolean;
  /** Parsed JSON or form body, the raw text if neither parses, `undefined` if empty. */
  body: unknown;
  /** Milliseconds since the epoch when the request arrived. */
  time: number;
  /** Status sent; `undefined` while pending or when the connection was dropped or left hanging. */
  status?: number;
}

export interface RequestFilter {
  method?: string;
  /** Exact path (a leading `/v1/` is ignored) or a pattern tested against the recorded path. */
  path?: string | RegExp;
}

/** A running emulator. */
export interface VaultEmulator {
  /** `http://127.0.0.1:PORT`, `https://127.0.0.1:PORT` or `unix://PATH`. */
  url: string;
  socketPath?: string;
  caPem?: string;
  caFile?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  rootToken: string;
  state: EmulatorState;
  /** Every request since start or the last `resetRequests()`, oldest first. */
  readonly requests: RecordedRequest[];
  /** Mounts an AWS secrets engine, or changes the settings of an existing one. */
  mountAwsEngine(mount: string, options?: AwsMountOptions): void;
  /** Writes a role through the same validation as the API; mounts the engine if needed. Throws on invalid data. */
  addRole(mount: string, name: string, role: Partial<RoleDefinition>): void;
  /** Adds an ACL policy: path pattern (with `*` and `+` globs) to capabilities. */
  addPolicy(name: string, rules: Record<string, string[]>): void;
  addToken(token: string, options?: TokenOptions): void;
  addAppRole(roleName: string, options?: AppRoleOptions): AppRoleCredentials;
  addUserpass(username: string, password: string, options?: PasswordLoginOptions): void;
  addLdapUser(username: string, password: string, options?: PasswordLoginOptions): void;
  addJwtRole(roleName: string, options?: JwtRoleOptions): void;
  addKubernetesRole(roleName: string, options: KubernetesRoleOptions): void;
  addAwsAuthRole(roleName: string, options: AwsAuthRoleOptions): void;
  configureAwsAuth(options: AwsAuthOptions): void;
  /** Wraps `data` as `sys/wrapping/wrap` would and returns the wrapping token. */
  createWrappingToken(data: Record<string, unknown>, options?: WrapOptions): string;
  setFaults(faults: Faults): void;
  clearFaults(): void;
  count(filter?: RequestFilter): number;
  resetRequests(): void;
  /** Stops listening, destroys open connections (hanging ones too) and removes the temporary files. */
  close(): Promise<void>;
}
