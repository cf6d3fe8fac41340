// Runs the Vault emulator as a standalone process for the demo, the benchmark and manual tests.
// Prints one JSON line {"url","token","caFile"} on stdout when ready and runs until SIGTERM or SIGINT.
import { parseArgs } from 'node:util';
import { startVaultEmulator } from './startVaultEmulator';
import type { RecordedRequest } from './types';

const USAGE = `Usage: npx tsx test/emulator/cli.ts [options]

  --version VERSION         emulated Vault version (default 1.17.0)
  --tls                     serve HTTPS with a generated CA; caFile names the CA file
  --client-certificate      require a client certificate (mutual TLS); implies --tls
  --unix-socket PATH        listen on a unix socket instead of 127.0.0.1
  --role MOUNT/NAME=ARN[,ARN...]
                            add an assumed_role role, for example
                            aws/s3_access=arn:aws:iam::083674922126:role/vault-role-bucket-access
                            (repeatable)
  --latency-ms N            delay every answer by N milliseconds
  --root-token TOKEN        use this root token instead of a random one
  --log-requests            log one line per request on stderr
`;

function fail(message: string): never {
  process.stderr.write(`vault-emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseRole(spec: string): { mount: string; name: string; arns: string[] } {
  const equals = spec.indexOf('=');
  const slash = spec.lastIndexOf('/', equals);
  if (equals < 0 || slash <= 0) {
    fail(`invalid --role ${JSON.stringify(spec)}: expected MOUNT/NAME=ARN`);
  }

  return { mount: spec.slice(0, slash), name: spec.slice(slash + 1, equals), arns: spec.slice(equals + 1).split(',') };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        version: { type: 'string', default: '1.17.0' },
        tls: { type: 'boolean', default: false },
        'client-certificate': { type: 'boolean', default: false },
        'unix-socket': { type: 'string' },
        role: { type: 'string', multiple: true, default: [] },
        'latency-ms': { type: 'string' },
        'root-token': { type: 'string' },
        'log-requests': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }

  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }

  const latencyMs = values['latency-ms'] === undefined ? 0 : Number(values['latency-ms']);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) {
    fail(`invalid --latency-ms ${JSON.stringify(values['latency-ms'])}: expected a whole number of milliseconds`);
  }

  const logRequest = (request: RecordedRequest): void => {
    process.stderr.write(`${request.method} ${request.path} ${request.status ?? 'no response'}\n`);
  };

  const emulator = await startVaultEmulator({
    version: values.version,
    tls: values.tls,
    clientCertificate: values['client-certificate'],
    ...(values['unix-socket'] === undefined ? {} : { unixSocket: values['unix-socket'] }),
    ...(values['root-token'] === undefined ? {} : { rootToken: values['root-token'] }),
    ...(values['log-requests'] ? { onRequest: logRequest } : {}),
  });

  for (const spec of values.role) {
    const role = parseRole(spec);
    emulator.addRole(role.mount, role.name, { credential_type: 'assumed_role', role_arns: role.arns });
  }

  if (latencyMs > 0) {
    emulator.setFaults({ latencyMs });
  }

  const ready = {
    url: emulator.url,
    token: emulator.rootToken,
    caFile: emulator.caFile ?? null,
    ...(emulator.clientCertFile === undefined ? {} : { clientCertFile: emulator.clientCertFile, clientKeyFile: emulator.clientKeyFile }),
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stderr.write(`vault-emulator: Vault ${values.version} emulator listening on ${emulator.url}\n`);

  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`vault-emulator: stopping on ${signal}\n`);
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`vault-emulator: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
