import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ConfigError, VaultAwsError } from '../../../errors';
import { fetchLocalEndpoint } from './fetchLocalEndpoint';
import { parseAwsCredentialDocument } from './parseAwsCredentialDocument';
import type { AwsCredentials } from './signAwsRequest';

type Environment = Record<string, string | undefined>;

/** The ECS task credentials host that a relative URI is resolved against. */
const ECS_HOST = 'http://169.254.170.2';

/** Hosts the AWS SDKs accept in a plain-http full URI: loopback and the ECS and EKS agents. */
const ALLOWED_HTTP_HOSTS = new Set(['localhost', '169.254.170.2', '169.254.170.23', 'fd00:ec2::23']);

const TIMEOUT_MS = 2_000;

/**
 * Reads credentials from the container credentials endpoint, as ECS tasks and EKS Pod Identity
 * provide it: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, else `AWS_CONTAINER_CREDENTIALS_FULL_URI`
 * with the token from `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `…_TOKEN_FILE` as `Authorization`.
 * Returns undefined when neither variable is set.
 */
export async function readContainerCredentials(env: Environment): Promise<{ credentials: AwsCredentials; source: string } | undefined> {
  const relative = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] ?? '';
  const full = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '';
  if (relative === '' && full === '') {
    return undefined;
  }

  const variable = relative !== '' ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' : 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
  const url = relative !== '' ? new URL(relative, ECS_HOST) : parseFullUri(full);
  const headers: Record<string, string> = {};
  const token = readAuthorizationToken(env);
  if (token !== undefined) {
    headers['Authorization'] = token;
  }

  let answer: { status: number; body: string };
  try {
    answer = await fetchLocalEndpoint(url, 'GET', headers, TIMEOUT_MS);
  } catch (error) {
    throw new VaultAwsError(`cannot reach the container credentials endpoint ${url.origin} named by ${variable}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }

  const credentials = answer.status === 200 ? parseAwsCredentialDocument(answer.body) : undefined;
  if (credentials === undefined) {
    throw new VaultAwsError(`the container credentials endpoint ${url.origin} named by ${variable} returned no credentials (HTTP ${answer.status})`);
  }

  return { credentials, source: variable };
}

function parseFullUri(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new ConfigError('AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL', { cause: error });
  }

  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (url.protocol === 'http:' && !loopback && !ALLOWED_HTTP_HOSTS.has(host)) {
    throw new ConfigError(`AWS_CONTAINER_CREDENTIALS_FULL_URI names ${url.host} over plain http; only loopback and the ECS and EKS credential agents are allowed, as in the AWS SDKs`);
  }

  return url;
}

function readAuthorizationToken(env: Environment): string | undefined {
  const file = env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ?? '';
  if (file !== '') {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new VaultAwsError(`cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
  }

  const token = env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ?? '';
  return token === '' ? undefined : token;
}
