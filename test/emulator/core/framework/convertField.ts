import { JsonNumber } from '../../go/parseGoJson';
import { parseDurationSecond } from '../../go/parseDurationSecond';

/** The Vault framework field types the emulated paths use. */
export type FieldType = 'string' | 'lowerCaseString' | 'durationSecond' | 'int' | 'bool' | 'commaStringSlice' | 'kvPairs' | 'header' | 'map';

/** Converts a raw request value to the field type, like `FieldData.getPrimitive`; throws with Vault's inner message. */
export function convertField(type: FieldType, raw: unknown): unknown {
  switch (type) {
    case 'string':
      return weakString(raw);
    case 'lowerCaseString':
      return weakString(raw).toLowerCase();
    case 'durationSecond':
      return durationSecond(raw);
    case 'int':
      return integer(raw);
    case 'bool':
      return weakBool(raw);
    case 'commaStringSlice':
      return commaStringSlice(raw);
    case 'kvPairs':
      return keyValuePairs(raw);
    case 'header':
      return header(raw);
    case 'map':
      return stringKeyedMap(raw);
  }
}

/** Go's `%v` of a decoded JSON value, as mapstructure puts it in its messages. */
export function formatGoValue(value: unknown): string {
  if (value instanceof JsonNumber) {
    return value.text;
  }

  if (Array.isArray(value)) {
    return `[${value.map(formatGoValue).join(' ')}]`;
  }

  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([left], [right]) => (left < right ? -1 : 1));
    return `map[${entries.map(([key, item]) => `${key}:${formatGoValue(item)}`).join(' ')}]`;
  }

  return value === null || value === undefined ? '<nil>' : String(value);
}

function goTypeName(value: unknown): string {
  if (Array.isArray(value)) {
    return '[]interface {}';
  }

  if (value !== null && typeof value === 'object' && !(value instanceof JsonNumber)) {
    return 'map[string]interface {}';
  }

  return typeof value === 'boolean' ? 'bool' : 'string';
}

function unconvertible(expected: string, value: unknown): Error {
  return new Error(`'' expected type '${expected}', got unconvertible type '${goTypeName(value)}', value: '${formatGoValue(value)}'`);
}

function weakString(raw: unknown): string {
  if (raw === null || raw === undefined) {
    return '';
  }

  if (typeof raw === 'string') {
    return raw;
  }

  if (raw instanceof JsonNumber) {
    return raw.text;
  }

  if (typeof raw === 'boolean') {
    return raw ? '1' : '0';
  }

  throw unconvertible('string', raw);
}

function durationSecond(raw: unknown): number | undefined {
  if (raw === null || raw === undefined) {
    return undefined;
  }

  const seconds = parseDurationSecond(raw);
  if (seconds < 0) {
    throw new Error(`cannot provide negative value '${seconds}'`);
  }

  return seconds;
}

function integer(raw: unknown): number {
  const text = raw instanceof JsonNumber ? raw.text : raw;
  if (text === null || text === undefined || text === '') {
    return 0;
  }

  if (typeof text !== 'string' || !/^[+-]?\d+$/.test(text)) {
    throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(formatGoValue(text))}: invalid syntax`);
  }

  return Number(text);
}

function weakBool(raw: unknown): boolean {
  if (raw === null || raw === undefined || raw === '') {
    return false;
  }

  if (typeof raw === 'boolean') {
    return raw;
  }

  if (raw instanceof JsonNumber) {
    return Number(raw.text) !== 0;
  }

  if (typeof raw === 'string') {
    const parsed = parseGoBool(raw);
    if (parsed === undefined) {
      throw new Error(`cannot parse '' as bool: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
    }

    return parsed;
  }

  throw unconvertible('bool', raw);
}

/** Go's `strconv.ParseBool`; `undefined` for anything it rejects. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) {
    return true;
  }

  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) {
    return false;
  }

  return undefined;
}

function commaStringSlice(raw: unknown): string[] {
  if (raw === null || raw === undefined) {
    return [];
  }

  const items = Array.isArray(raw) ? raw.map(weakString) : weakString(raw).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function keyValuePairs(raw: unknown): Map<string, string> {
  const result = new Map<string, string>();
  if (raw === null || raw === undefined) {
    return result;
  }

  if (typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof JsonNumber)) {
    for (const [key, value] of Object.entries(raw)) {
      result.set(key, weakString(value));
    }

    return result;
  }

  for (const pair of commaStringSlice(raw)) {
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      throw new Error(`invalid key pair ${JSON.stringify(pair)}`);
    }

    result.set(pair.slice(0, separator), pair.slice(separator + 1));
  }

  return result;
}

function header(raw: unknown): Map<string, string[]> {
  let decoded: unknown = raw;
  if (typeof raw === 'string') {
    const text = /^[A-Za-z0-9+/]*={0,2}$/.test(raw) && raw.length % 4 === 0 ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    try {
      decoded = JSON.parse(text);
    } catch (error) {
      throw new Error((error as Error).message);
    }
  }

  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) {
    throw unconvertible('http.Header', decoded);
  }

  const result = new Map<string, string[]>();
  for (const [name, value] of Object.entries(decoded)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((item) => typeof item === 'string')) {
      throw new Error(`expected string or []string; got ${goTypeName(value)}`);
    }

    const key = canonicalHeaderKey(name);
    result.set(key, [...(result.get(key) ?? []), ...(values as string[])]);
  }

  return result;
}

/** Go's `textproto.CanonicalMIMEHeaderKey` for ASCII names: `x-vault-aws-iam-server-id` becomes `X-Vault-Aws-Iam-Server-Id`. */
export function canonicalHeaderKey(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

function stringKeyedMap(raw: unknown): Record<string, unknown> {
  if (raw === null || raw === undefined) {
    return {};
  }

  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof JsonNumber) {
    throw unconvertible('map[string]interface {}', raw);
  }

  return raw as Record<string, unknown>;
}
