import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type RunResult, type Sandbox } from '../helpers/sandbox';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../vault/scriptedServer';

/*
 * A server responds to the STS request with what no real Vault sends: values of the wrong shape,
 * impossible lifetimes, echoed tokens, terminal escapes. Each response must be rejected with exit 1,
 * empty stdout, one readable stderr line, and nothing cached.
 */

const TOKEN = 'plain-dev-token-4417';
const GOOD = { access_key: 'ASIAEXAMPLEEXAMPLE01', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', session_token: 'FwoGZXIvYXdzEXAMPLE', ttl: 3600 };

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(reply: ScriptedReply | ScriptedReply[], env: Record<string, string> = {}): Promise<{ result: RunResult; sandbox: Sandbox }> {
  server = await startScriptedServer(Array.isArray(reply) ? reply : [reply]);
  const sandbox = createSandbox({ url: server.url, token: TOKEN });
  sandbox.writeProfileMap('[profile p]\nvault_role = s3_access\n');
  const result = await sandbox.run(['credential-process', '--profile', 'p', '--debug'], { VAULT_MAX_RETRIES: '0', ...env });
  return { result, sandbox };
}

function stsAnswer(data: Record<string, unknown>, extra: Record<string, unknown> = {}): ScriptedReply {
  return { status: 200, body: JSON.stringify({ lease_duration: 3600, ...extra, data }) };
}

/** Returns the last stderr line, the error; the lines before it are debug output. */
function errorLine(result: RunResult): string {
  const lines = result.stderr.trimEnd().split('\n');
  return lines[lines.length - 1] as string;
}

function cachedEntries(sandbox: Sandbox): string[] {
  return existsSync(sandbox.cacheDirectory) ? readdirSync(sandbox.cacheDirectory).filter((name) => name.endsWith('.json')) : [];
}

function expectRejected(result: RunResult, sandbox: Sandbox, ...fragments: string[]): void {
  expect(result.stdout).toBe('');
  expect(result.code).toBe(1);
  expect(errorLine(result)).toMatch(/^vault-aws: profile "p": /);
  for (const fragment of fragments) {
    expect(errorLine(result)).toContain(fragment);
  }

  expect(cachedEntries(sandbox)).toEqual([]);
}

describe('credential values Vault returns', () => {
  it.each([
    ['a number', { ...GOOD, access_key: 12345 }, 'access_key is a number, not a string'],
    ['an object', { ...GOOD, secret_key: { a: 1 } }, 'secret_key is an object, not a string'],
    ['a line break', { ...GOOD, access_key: 'ASIA\nKEY' }, 'access_key has a space, control or non-ASCII character at position 5'],
    ['a space', { ...GOOD, secret_key: ' padded' }, 'secret_key has a space'],
    ['a 100 KB token', { ...GOOD, session_token: 'A'.repeat(100_000) }, 'session_token is 100000 characters long, more than the 6144 accepted'],
    ['no session token', { access_key: GOOD.access_key, secret_key: GOOD.secret_key, ttl: 3600 }, 'session_token is missing'],
  ])('rejects %s', async (_name, data, fragment) => {
    const { result, sandbox } = await runAgainst(stsAnswer(data));

    expectRejected(result, sandbox, fragment);
  });

  it('uses security_token when session_token is absent', async () => {
    const { result } = await runAgainst(stsAnswer({ access_key: GOOD.access_key, secret_key: GOOD.secret_key, security_token: 'OlderVaultToken1', ttl: 3600 }));

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ SessionToken: 'OlderVaultToken1' });
  });
});

describe('lifetimes Vault returns', () => {
  it.each([1e13, 1e12, 2 ** 53 + 2, 1e300, 129_601])('rejects a ttl of %d s', async (ttl) => {
    const { result, sandbox } = await runAgainst(stsAnswer({ ...GOOD, ttl }));

    expectRejected(result, sandbox, 'STS credentials live at most 129600 s');
  });

  it('accepts the longest STS lifetime with a four-digit year', async () => {
    const { result } = await runAgainst(stsAnswer({ ...GOOD, ttl: 129_600 }));

    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { Expiration: string }).Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('names both fields when neither gives a lifetime', async () => {
    const { result, sandbox } = await runAgainst(stsAnswer({ ...GOOD, ttl: '3600' }, { lease_duration: 0 }));

    expectRejected(result, sandbox, 'data.ttl is "3600" and lease_duration is 0');
  });
});

describe('error texts Vault returns', () => {
  it('redacts an echoed token everywhere', async () => {
    const { result, sandbox } = await runAgainst({ status: 403, body: JSON.stringify({ errors: [`token ${TOKEN} is not allowed`] }) });

    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stderr).toContain('token [redacted] is not allowed');
    const records = readdirSync(sandbox.cacheDirectory).filter((name) => name.endsWith('.failure'));
    expect(records).toHaveLength(1);
    expect(readFileSync(join(sandbox.cacheDirectory, records[0] as string), 'utf8')).not.toContain(TOKEN);
  });

  it('hides an echoed token in an HTML page title', async () => {
    const { result } = await runAgainst({ status: 502, headers: { 'Content-Type': 'text/html' }, body: `<html><title>Bad gateway for ${TOKEN}</title></html>` });

    expect(result.stderr).not.toContain(TOKEN);
    expect(errorLine(result)).toContain('an HTML page titled "Bad gateway for [redacted]"');
  });

  it('shortens a huge error text', async () => {
    const { result } = await runAgainst({ status: 500, body: JSON.stringify({ errors: ['E'.repeat(200_000), ...Array.from({ length: 5000 }, (_, index) => `error ${index}`)] }) });

    expect(result.code).toBe(1);
    expect(errorLine(result).length).toBeLessThan(2000);
    expect(errorLine(result)).toContain('(199700 more characters)');
    expect(errorLine(result)).toContain('and 4996 more errors');
  });

  it('replaces control and direction characters', async () => {
    const hostile = '\u001b[2J\u009b31m\u0085next\u202eexe.gnp\u2066';
    const { result } = await runAgainst({ status: 400, body: JSON.stringify({ errors: [hostile] }) });

    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069]/);
  });
});

describe('answers that are not Vault answers', () => {
  it('rejects JSON that is a list', async () => {
    const { result, sandbox } = await runAgainst({ status: 200, body: '[1,2,3]' });

    expectRejected(result, sandbox, 'JSON that is a list, not an object');
  });

  it('does not retry a body larger than any Vault answer', async () => {
    const { result, sandbox } = await runAgainst({ status: 200, body: 'x'.repeat(5 * 1024 * 1024) }, { VAULT_MAX_RETRIES: '2' });

    expectRejected(result, sandbox, 'larger than 4 MiB');
    expect(server?.seen).toHaveLength(1);
  });

  it('reports a second redirect instead of following it', async () => {
    const { result, sandbox } = await runAgainst({ status: 307, headers: { Location: '/v1/aws/sts/s3_access' } });

    expectRejected(result, sandbox, 'redirect after a redirect');
    expect(server?.seen).toHaveLength(2);
  });

  it('names a redirect target that is not a URL', async () => {
    const { result, sandbox } = await runAgainst({ status: 307, headers: { Location: 'http://[::1' } });

    expectRejected(result, sandbox, '"http://[::1", which is not a valid URL');
  });
});
