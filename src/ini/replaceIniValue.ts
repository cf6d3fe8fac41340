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
