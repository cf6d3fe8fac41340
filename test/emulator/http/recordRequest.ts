import type { IncomingHttpHeaders } from 'node:http';
import type { RecordedRequest, RequestFilter } from '../types';

const REDACTED = '[redacted]';

/** Builds the record of a request; the token headers are replaced so that records never hold a token. */
export function recordRequest(input: { method: string; path: string; query: URLSearchParams; headers: IncomingHttpHeaders; body: Buffer; time: number }): RecordedRequest {
  const headers: Record<string, string | string[] | undefined> = { ...input.headers };
  let hasToken = false;
  if (headers['x-vault-token'] !== undefined) {
    headers['x-vault-token'] = REDACTED;
    hasToken = true;
  }

  const authorization = headers['authorization'];
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    headers['authorization'] = `Bearer ${REDACTED}`;
    hasToken = true;
  }

  return {
    method: input.method,
    path: input.path,
    query: queryRecord(input.query),
    headers,
    hasToken,
    body: parseRecordedBody(input.body, input.headers['content-type']),
    time: input.time,
  };
}

export function matchesFilter(request: RecordedRequest, filter: RequestFilter): boolean {
  if (filter.method !== undefined && request.method !== filter.method.toUpperCase()) {
    return false;
  }

  if (filter.path === undefined) {
    return true;
  }

  if (filter.path instanceof RegExp) {
    return filter.path.test(request.path);
  }

  return request.path === filter.path.replace(/^\/v1\//, '');
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    result[key] = values.length === 1 ? (values[0] ?? '') : values;
  }

  return result;
}

function parseRecordedBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) {
    return undefined;
  }

  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
      return Object.fromEntries(new URLSearchParams(text));
    }

    return text;
  }
}
