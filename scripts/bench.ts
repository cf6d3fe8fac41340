// Measures what a credential_process costs its caller, side by side in one run so that the noise of a
// shared machine hits every candidate alike:
//   node -e 0      the floor of any Node program
//   cache hit      vault-aws credential-process with fresh cached credentials
//   cold miss      the same with the entry deleted first: lock, Vault request, atomic write
//   https floor    a minimal node:http request to the same Vault, the floor for a miss
// Rounds are interleaved (one run of each candidate per round). Reports medians, ratios and peak
// RSS (from /usr/bin/time in a separate pass, so that its own start-up stays out of the timings),
// then 64 processes started at once on a cold cache. Everything runs on 127.0.0.1.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startVaultEmulator } from '../test/emulator';

const CLI = fileURLToPath(new URL('../dist/main.cjs', import.meta.url));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 40);
const PARALLEL = 64;
const runFile = promisify(execFile);

interface Candidate {
  name: string;
  args: string[];
  before?: () => void;
}

async function main(): Promise<void> {
  const vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: ['arn:aws:iam::083674922126:role/vault-role-bucket-access'] });
  const home = mkdtempSync(join(tmpdir(), 'vault-aws-bench-'));
  const cacheDirectory = join(home, '.cache', 'vault-aws');
  const entry = join(cacheDirectory, 'profile-b-s3.json');
  mkdirSync(join(home, '.config', 'vault-aws'), { recursive: true });
  writeFileSync(join(home, '.config', 'vault-aws', 'profiles.ini'), '[profile b-s3]\nvault_role = s3_access\n\n[profile cold]\nvault_role = s3_access\n');
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, VAULT_ADDR: vault.url, VAULT_TOKEN: vault.rootToken };

  const floorScript = [
    "const http = require('node:http');",
    `const request = http.request('${vault.url}/v1/aws/sts/s3_access', { method: 'POST', headers: { 'X-Vault-Token': '${vault.rootToken}', 'X-Vault-Request': 'true' } },`,
    "  (response) => { let body = ''; response.on('data', (chunk) => (body += chunk)); response.on('end', () => process.stdout.write(body)); });",
    "request.end(JSON.stringify({ ttl: 3600 }));",
  ].join('\n');

  const candidates: Candidate[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'cache hit', args: [CLI, 'credential-process', '--profile', 'b-s3'] },
    { name: 'cold miss', args: [CLI, 'credential-process', '--profile', 'b-s3'], before: () => rmSync(entry, { force: true }) },
    { name: 'node:http request (floor for a miss)', args: ['-e', floorScript] },
  ];

  try {
    await runOnce(candidates[1] as Candidate, env);
    const timings = new Map<string, number[]>(candidates.map((candidate) => [candidate.name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const candidate of candidates) {
        candidate.before?.();
        timings.get(candidate.name)?.push(await runOnce(candidate, env));
      }

      // The cold-miss run leaves a fresh entry behind, so the next hit is a hit again.
    }

    const rss = new Map<string, number>();
    if (existsSync('/usr/bin/time')) {
      for (const candidate of candidates) {
        candidate.before?.();
        rss.set(candidate.name, await peakRssKiB(candidate, env));
      }
    }

    const parallel = await coldStart(env, vault, join(cacheDirectory, 'profile-cold.json'));
    printReport(candidates, timings, rss, parallel);
  } finally {
    await vault.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function runOnce(candidate: Candidate, env: Record<string, string>): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, candidate.args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${candidate.name} exited with ${code}`));
        return;
      }

      resolvePromise(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

async function peakRssKiB(candidate: Candidate, env: Record<string, string>): Promise<number> {
  const { stderr } = await runFile('/usr/bin/time', ['-f', '%M', process.execPath, ...candidate.args], { env });
  return Number(stderr.trim().split('\n').at(-1));
}

async function coldStart(env: Record<string, string>, vault: { count(filter: { method?: string; path?: string }): number }, entry: string): Promise<{ wallMs: number; requests: number; failures: number }> {
  rmSync(entry, { force: true });
  const before = vault.count({ method: 'POST', path: 'aws/sts/s3_access' });
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(
    Array.from({ length: PARALLEL }, () => runOnce({ name: 'parallel cold start', args: [CLI, 'credential-process', '--profile', 'cold'] }, env)),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    wallMs,
    requests: vault.count({ method: 'POST', path: 'aws/sts/s3_access' }) - before,
    failures: results.filter((result) => result.status === 'rejected').length,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function printReport(candidates: Candidate[], timings: Map<string, number[]>, rss: Map<string, number>, parallel: { wallMs: number; requests: number; failures: number }): void {
  const medians = new Map(candidates.map((candidate) => [candidate.name, median(timings.get(candidate.name) ?? [])]));
  const bare = medians.get('node -e 0') ?? 1;
  const floor = medians.get('node:http request (floor for a miss)') ?? 1;

  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${ROUNDS} interleaved rounds\n`);
  console.log('| command | median ms | × node -e 0 | × node:http floor | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const candidate of candidates) {
    const value = medians.get(candidate.name) ?? 0;
    const memory = rss.get(candidate.name);
    console.log(`| ${candidate.name} | ${value.toFixed(1)} | ${(value / bare).toFixed(2)} | ${(value / floor).toFixed(2)} | ${memory === undefined ? 'n/a' : (memory / 1024).toFixed(1)} |`);
  }

  console.log(`\n${PARALLEL} processes at once on a cold cache: ${parallel.wallMs.toFixed(0)} ms wall time, ${parallel.requests} Vault STS request(s), ${parallel.failures} failure(s).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
