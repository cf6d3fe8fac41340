import { createHash, createHmac } from 'node:crypto';

/** AWS credentials; the session token is present for temporary credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
}

export interface AwsRequestToSign {
  method: string;
  url: URL;
  /** Headers to send and sign; `host` is added from the URL when absent. */
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  date: Date;
}

/**
 * Signs a request with AWS Signature Version 4 (header signing, as the AWS SDKs do for STS).
 * Returns every header to send: the given ones plus `Host`, `X-Amz-Date`, `X-Amz-Security-Token`
 * for temporary credentials, and `Authorization`.
 */
export function signAwsRequest(request: AwsRequestToSign, credentials: AwsCredentials): Record<string, string> {
  const amzDate = request.date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'host')) {
    headers['Host'] = request.url.host;
  }

  headers['X-Amz-Date'] = amzDate;
  if (credentials.sessionToken !== undefined) {
    headers['X-Amz-Security-Token'] = credentials.sessionToken;
  }

  const canonical = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    canonical.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  }

  const signedNames = [...canonical.keys()].sort();
  const canonicalRequest = [
    request.method,
    canonicalPath(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    ...signedNames.map((name) => `${name}:${canonical.get(name) ?? ''}`),
    '',
    signedNames.join(';'),
    sha256Hex(request.body),
  ].join('\n');

  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [request.region, request.service, 'aws4_request']) {
    key = hmac(key, part);
  }

  const signature = hmac(key, stringToSign).toString('hex');
  headers['Authorization'] = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedNames.join(';')}, Signature=${signature}`;
  return headers;
}

/** RFC 3986 encoding with only unreserved characters left as they are, as SigV4 requires. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(pathname: string): string {
  const path = pathname === '' ? '/' : pathname;
  return path
    .split('/')
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(parameters: URLSearchParams): string {
  return [...parameters.entries()]
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([leftName, leftValue], [rightName, rightValue]) => (leftName === rightName ? compare(leftValue, rightValue) : compare(leftName, rightName)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}
