import { JsonSyntaxError, parseGoJson } from '../go/parseGoJson';
import { parseGoBool } from '../core/framework/convertField';
import type { Operation } from '../core/framework/pathSpec';
import { VaultHttpError } from '../core/vaultHttpError';

/** Vault's `DefaultMaxRequestSize`: 32 MiB. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export interface LogicalRequestData {
  operation: Operation;
  /** The request path, with a trailing `/` added for list operations. */
  path: string;
  data: Record<string, unknown> | null;
}

/**
 * Builds the operation and data of a logical request as Vault's `buildLogicalRequestNoAuth` does.
 * GET, LIST and DELETE take the query string. POST and PUT take only the body, which is JSON
 * unless it is a form sent with the form content type. `?list=true` turns a GET into a list.
 */
export function buildRequestData(method: string, path: string, query: URLSearchParams, body: Buffer, contentType: string | undefined, bodyTooLarge: boolean): LogicalRequestData {
  switch (method) {
    case 'GET':
      return buildGetData(path, query);
    case 'LIST':
      return { operation: 'list', path: withTrailingSlash(path), data: parseQuery(query) };
    case 'DELETE':
      return { operation: 'delete', path, data: parseQuery(query) };
    case 'POST':
    case 'PUT':
      return { operation: 'update', path, data: parseBody(body, contentType, bodyTooLarge) };
    case 'PATCH':
      return { operation: 'patch', path, data: parseBody(body, contentType, bodyTooLarge) };
    default:
      throw new VaultHttpError(405, []);
  }
}

function buildGetData(path: string, query: URLSearchParams): LogicalRequestData {
  const values = new URLSearchParams(query);
  const help = values.get('help');
  if (help !== null && help !== '') {
    values.delete('help');
    return { operation: 'help', path, data: parseQuery(values) };
  }

  const list = values.get('list');
  if (list !== null && list !== '') {
    const parsed = parseGoBool(list);
    if (parsed === undefined) {
      throw new VaultHttpError(400, []);
    }

    if (parsed) {
      values.delete('list');
      return { operation: 'list', path: withTrailingSlash(path), data: parseQuery(values) };
    }
  }

  return { operation: 'read', path, data: parseQuery(values) };
}

/** Converts query parameters to request data: one value stays a string and a repeated key becomes a list. No parameters at all give `null`. */
function parseQuery(query: URLSearchParams): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    data[key] = values.length === 1 ? values[0] : values;
  }

  return Object.keys(data).length === 0 ? null : data;
}

function parseBody(body: Buffer, contentType: string | undefined, bodyTooLarge: boolean): Record<string, unknown> | null {
  if (bodyTooLarge) {
    throw new VaultHttpError(413, ['error parsing JSON']);
  }

  const text = body.toString('utf8');
  if (isForm(text, contentType)) {
    return parseForm(text);
  }

  let value;
  try {
    value = parseGoJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new VaultHttpError(400, ['error parsing JSON']);
    }

    throw error;
  }

  if (value === undefined || value === null) {
    return null;
  }

  if (typeof value !== 'object' || Array.isArray(value) || !isPlainObject(value)) {
    throw new VaultHttpError(400, ['error parsing JSON']);
  }

  return value;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  return Object.getPrototypeOf(value) === Object.prototype;
}

/** A form body needs the form media type and must not look like JSON (first non-space character `{` or `[`). */
function isForm(text: string, contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return false;
  }

  const first = text.trimStart().charAt(0);
  return first !== '{' && first !== '[';
}

/** Repeated form keys are joined with commas, as Vault does. */
function parseForm(text: string): Record<string, unknown> | null {
  const form = new URLSearchParams(text);
  const data: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    data[key] = form.getAll(key).join(',');
  }

  return Object.keys(data).length === 0 ? null : data;
}

function withTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
