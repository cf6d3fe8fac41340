/**
 * Returns `raw`, a `key = value` line, with its value replaced by `value`. The key, the spacing
 * around `=` and an inline comment (`#` or `;` after whitespace) stay as they were.
 */
export function replaceIniValue(raw: string, value: string): string {
  const equals = raw.indexOf('=');
  if (equals === -1) {
    throw new Error(`Cannot replace the value of a line without "=": ${JSON.stringify(raw)}`);
  }

  const prefix = raw.slice(0, equals + 1);
  const rest = raw.slice(equals + 1);
  const leading = /^\s*/.exec(rest)?.[0] ?? '';
  const afterLeading = rest.slice(leading.length);

  const comment = /\s[#;]/.exec(afterLeading);
  const oldValue = comment === null ? afterLeading : afterLeading.slice(0, comment.index);
  const trailing = afterLeading.slice(oldValue.trimEnd().length);

  const spacing = leading === '' && /\s$/.test(prefix.slice(0, -1)) ? ' ' : leading;
  return prefix + spacing + value + trailing;
}

/**
 * Returns `raw`, a `key = value` line, rewritten as `key` set to `value` with no inline comment.
 * botocore reads a comment after a value as part of the value, and the AWS SDK for JavaScript reads
 * keys case-sensitively, so a line that configure sets must say exactly this. The indentation and
 * the spacing around `=` stay.
 */
export function rewriteIniLine(raw: string, key: string, value: string): string {
  const equals = raw.indexOf('=');
  if (equals === -1) {
    throw new Error(`Cannot rewrite a line without "=": ${JSON.stringify(raw)}`);
  }

  const indent = /^\s*/.exec(raw)?.[0] ?? '';
  const beforeEquals = /\s*$/.exec(raw.slice(0, equals))?.[0] ?? '';
  const afterEquals = /^\s*/.exec(raw.slice(equals + 1))?.[0] ?? '';
  return `${indent}${key}${beforeEquals}=${afterEquals === '' && beforeEquals !== '' ? ' ' : afterEquals}${value}`;
}
