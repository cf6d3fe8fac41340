import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../helpers/sandbox';
import { startScriptedServer, STS_ANSWER, vaultError, type ScriptedServer } from './scriptedServer';

let agent: ScriptedServer | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

describe('Vault Agent on a unix socket', () => {
  it('sends the request without a token when none is found', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'vault-aws-agent-')), 'agent.sock');
    agent = await startScriptedServer([{ status: 200, body: STS_ANSWER }], { path: socket });
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_ADDR: 'https://127.0.0.1:1', VAULT_AGENT_ADDR: `unix://${socket}`, VAULT_NAMESPACE: 'team/' });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(agent.seen).toHaveLength(1);
    expect(agent.seen[0]?.url).toBe('/v1/aws/sts/s3_access');
    expect(agent.seen[0]?.headers['x-vault-token']).toBeUndefined();
    expect(agent.seen[0]?.headers['x-vault-request']).toBe('true');
    expect(agent.seen[0]?.headers['x-vault-namespace']).toBe('team/');
  });

  it('reports the missing token on a 403', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'vault-aws-agent-')), 'agent.sock');
    agent = await startScriptedServer([vaultError(403, '1 error occurred:\n\t* permission denied\n\n')], { path: socket });
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_AGENT_ADDR: `unix://${socket}` });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no Vault token found (checked VAULT_TOKEN (unset)');
    expect(result.stderr).toContain('.vault-token (missing or empty)');
  });
});
