import { JsonNumber } from './parseGoJson';

/**
 * A value in the terms of Go's encoding/json. A `Map` is a Go map, written with sorted keys. A
 * plain object is a Go struct, written in insertion order, and its `undefined` fields are left out
 * the way `omitempty` leaves out empty ones.
 */
export type GoValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | JsonNumber
  | readonly GoValue[]
  | ReadonlyMap<string, GoValue>
  | { readonly [field: string]: GoValue };

/** Encodes like Go's `json.Marshal`: compact, HTML-safe, no trailing newline. */
export function marshalGoJson(value: GoValue): string {
  if (value === null || value === undefined) {
    return 'null';
  }

  if (typeof value === 'string') {
    return quoteJsonString(value);
  }

  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Go's encoding/json cannot encode ${value}`);
    }

    return JSON.stringify(value);
  }

  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }

  if (value instanceof JsonNumber) {
    return value.text;
  }

  if (Array.isArray(value)) {
    return `[${value.map((item: GoValue) => marshalGoJson(item)).join(',')}]`;
  }

  if (value instanceof Map) {
    const keys = [...value.keys()].sort(compareBytes);
    return `{${keys.map((key) => `${quoteJsonString(key)}:${marshalGoJson(value.get(key))}`).join(',')}}`;
  }

  const fields = Object.entries(value as Record<string, GoValue>).filter(([, field]) => field !== undefined);
  return `{${fields.map(([name, field]) => `${quoteJsonString(name)}:${marshalGoJson(field)}`).join(',')}}`;
}

/** Encodes like Go's `json.Encoder.Encode`, which ends the output with a newline. */
export function encodeGoJson(value: GoValue): string {
  return `${marshalGoJson(value)}\n`;
}

/** Converts decoded JSON or plain JavaScript data to Go's view, where every object is a map. */
export function toGoValue(value: unknown): GoValue {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof JsonNumber) {
    return value;
  }

  if (Array.isArray(value)) {
    return value.map(toGoValue);
  }

  if (value instanceof Map) {
    return new Map([...value.entries()].map(([key, item]) => [String(key), toGoValue(item)]));
  }

  return new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toGoValue(item)]));
}

function quoteJsonString(text: string): string {
  // Go escapes <, > and & for safe embedding in HTML, and U+2028/U+2029 for JavaScript.
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go sorts map keys by bytes; for UTF-16 strings this differs only above U+FFFF, which never occurs in key names here. */
function compareBytes(left: string, right: string): number {
  if (left === right) {
    return 0;
  }

  return left < right ? -1 : 1;
}
