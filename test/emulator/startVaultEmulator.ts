import { rmSync } from 'node:fs';
import { marshalGoJson, toGoValue, type GoValue } from './go/marshalGoJson';
import { addRoleDefinition } from './backends/aws/addRoleDefinition';
import { createAwsEngine, resolveMountOptions, SYSTEM_MAX_LEASE_TTL_SECONDS, type AwsEngine } from './backends/aws/awsEngine';
import { createAwsBackend } from './backends/aws/createAwsBackend';
import { addAppRole, createAppRoleBackend, type AppRoleBackend } from './backends/auth/createAppRoleBackend';
import { createAwsAuthBackend, type AwsAuthBackend } from './backends/auth/createAwsAuthBackend';
import { createJwtBackend, type JwtBackend } from './backends/auth/createJwtBackend';
import { createKubernetesBackend, type KubernetesBackend } from './backends/auth/createKubernetesBackend';
import { createPasswordBackend, type PasswordBackend } from './backends/auth/createPasswordBackend';
import { createEmulatorContext } from './core/createEmulatorContext';
import type { EmulatorContext } from './core/emulatorContext';
import type { Backend } from './core/framework/pathSpec';
import { logicalResponse } from './core/logicalResponse';
import { normalizeMountPath } from './core/mountTable';
import { randomUuid } from './core/randomValues';
import { buildHttpResponse } from './core/renderLogicalResponse';
import { tokenLifetime } from './core/tokens/tokenStore';
import { createWrappingToken } from './core/wrapping/createWrappingToken';
import { createRequestHandler } from './http/createRequestHandler';
import { FaultController } from './http/faultController';
import { matchesFilter } from './http/recordRequest';
import { startHttpServer } from './http/startHttpServer';
import { writeCertificateFiles } from './http/writeCertificateFiles';
import type { EmulatorOptions, RecordedRequest, VaultEmulator } from './types';

/** Starts a loopback Vault emulator; see README.md in this folder. */
export async function startVaultEmulator(options: EmulatorOptions = {}): Promise<VaultEmulator> {
  if (options.host !== undefined && options.host !== '127.0.0.1') {
    throw new Error(`Invalid host ${JSON.stringify(options.host)}: the emulator listens on 127.0.0.1 only.`);
  }

  const { context, rootToken } = createEmulatorContext(options.version ?? '1.17.0', options.rootToken);
  const faults = new FaultController();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const delay = (milliseconds: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, milliseconds);
      timers.add(timer);
    });

  const useTls = options.tls === true || options.clientCertificate === true;
  const files = useTls ? await writeCertificateFiles(options.clientCertificate === true) : undefined;
  const listener = createRequestHandler({ context, faults, requests, delay, onRequest: options.onRequest });
  const server = await startHttpServer(listener, { tls: files?.tls, unixSocket: options.unixSocket });
  const url = options.unixSocket !== undefined ? `unix://${options.unixSocket}` : `${useTls ? 'https' : 'http'}://127.0.0.1:${server.port}`;

  const awsEngines = new Map<string, AwsEngine>();
  const ensureAwsEngine = (mount: string): AwsEngine => {
    const path = normalizeMountPath(mount);
    let engine = awsEngines.get(path);
    if (engine === undefined) {
      engine = createAwsEngine();
      mountBackend(context, path, createAwsBackend(engine));
      awsEngines.set(path, engine);
    }

    return engine;
  };

  const authMounts = new Map<string, Backend>();
  const ensureAuth = <T extends Backend>(mount: string, type: string, create: () => T): T => {
    const path = `auth/${normalizeMountPath(mount)}`;
    const existing = authMounts.get(path);
    if (existing !== undefined) {
      if (existing.type !== type) {
        throw new Error(`Cannot use auth mount ${path} as ${type}: it is a ${existing.type} mount.`);
      }

      return existing as T;
    }

    const backend = create();
    mountBackend(context, path, backend);
    authMounts.set(path, backend);
    return backend;
  };

  let closed = false;
  const emulator: VaultEmulator = {
    url,
    rootToken,
    state: context.state,
    requests,
    ...(options.unixSocket === undefined ? {} : { socketPath: options.unixSocket }),
    ...(files === undefined ? {} : files.exposed),

    mountAwsEngine(mount, mountOptions = {}) {
      const engine = ensureAwsEngine(mount);
      engine.options = resolveMountOptions(mountOptions, engine.options);
    },

    addRole(mount, name, role) {
      addRoleDefinition(ensureAwsEngine(mount), name, role, context.features());
    },

    addPolicy(name, rules) {
      context.policies.set(name, rules);
    },

    addToken(token, tokenOptions = {}) {
      const ttlSeconds = tokenOptions.ttlSeconds ?? SYSTEM_MAX_LEASE_TTL_SECONDS;
      context.tokens.add({
        id: token,
        policies: tokenOptions.policies ?? ['default'],
        inlineRules: tokenOptions.capabilities,
        displayName: tokenOptions.displayName ?? 'token',
        meta: tokenOptions.meta ?? null,
        numUses: tokenOptions.numUses ?? 0,
        ...tokenLifetime(context.vaultNow(), ttlSeconds, tokenOptions.expired === true),
      });
    },

    addAppRole(roleName, roleOptions = {}) {
      const backend = ensureAuth<AppRoleBackend>(roleOptions.mount ?? 'approle', 'approle', createAppRoleBackend);
      return addAppRole(backend, roleName, { roleId: roleOptions.roleId, secretId: roleOptions.secretId, bindSecretId: roleOptions.bindSecretId, token: roleOptions });
    },

    addUserpass(username, password, userOptions = {}) {
      const backend = ensureAuth<PasswordBackend>(userOptions.mount ?? 'userpass', 'userpass', () => createPasswordBackend('userpass'));
      backend.users.set(username.toLowerCase(), { password, token: userOptions });
    },

    addLdapUser(username, password, userOptions = {}) {
      const backend = ensureAuth<PasswordBackend>(userOptions.mount ?? 'ldap', 'ldap', () => createPasswordBackend('ldap'));
      backend.users.set(username, { password, token: userOptions });
    },

    addJwtRole(roleName, roleOptions = {}) {
      const backend = ensureAuth<JwtBackend>(roleOptions.mount ?? 'jwt', 'jwt', createJwtBackend);
      backend.roles.set(roleName, roleOptions);
      if (roleOptions.isDefault === true) {
        backend.config.defaultRole = roleName;
      }
    },

    addKubernetesRole(roleName, roleOptions) {
      ensureAuth<KubernetesBackend>(roleOptions.mount ?? 'kubernetes', 'kubernetes', createKubernetesBackend).roles.set(roleName, roleOptions);
    },

    addAwsAuthRole(roleName, roleOptions) {
      ensureAuth<AwsAuthBackend>(roleOptions.mount ?? 'aws', 'aws', createAwsAuthBackend).roles.set(roleName, roleOptions);
    },

    configureAwsAuth(authOptions) {
      const backend = ensureAuth<AwsAuthBackend>(authOptions.mount ?? 'aws', 'aws', createAwsAuthBackend);
      backend.config.iamServerIdHeaderValue = authOptions.iamServerIdHeaderValue ?? backend.config.iamServerIdHeaderValue;
      backend.config.callerArn = authOptions.callerArn ?? backend.config.callerArn;
    },

    createWrappingToken(data, wrapOptions = {}) {
      const response = logicalResponse(toGoValue(data) as Map<string, GoValue>);
      const stored = marshalGoJson(buildHttpResponse(response, { requestId: randomUuid(), mountType: 'system', features: context.features() }));
      const creationPath = wrapOptions.creationPath ?? 'sys/wrapping/wrap';
      return createWrappingToken(context, stored, { ttlSeconds: wrapOptions.ttlSeconds ?? 300, creationPath }).token;
    },

    setFaults(newFaults) {
      faults.set(newFaults);
    },

    clearFaults() {
      faults.clear();
    },

    count(filter = {}) {
      return requests.filter((request) => matchesFilter(request, filter)).length;
    },

    resetRequests() {
      requests.length = 0;
    },

    async close() {
      if (closed) {
        return;
      }

      closed = true;
      for (const timer of timers) {
        clearTimeout(timer);
      }

      timers.clear();
      await server.close();
      if (files !== undefined) {
        rmSync(files.directory, { recursive: true, force: true });
      }
    },
  };

  return emulator;
}

function mountBackend(context: EmulatorContext, path: string, backend: Backend): void {
  if (context.mounts.get(path) !== undefined) {
    throw new Error(`Cannot mount ${backend.type} at ${path}: another backend is mounted there.`);
  }

  context.mounts.mount(path, backend);
}
