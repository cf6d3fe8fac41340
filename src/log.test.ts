import { describe, expect, it } from 'vitest';
import { redact, rememberSecret } from './log';

describe('redact', () => {
  const token = 'plainSecretTok987654321';
  rememberSecret(token);

  it.each([
    ['the exact value', `denied for ${token}.`],
    ['another letter case', `denied token=${token.toUpperCase()}`],
    ['its first characters', `denied for ${token.slice(0, 12)}...`],
    ['its base64 form', `b64=${Buffer.from(token).toString('base64')}`],
    ['its URL-encoded form', `t=${encodeURIComponent(token)}`],
    ['its hex form', `t=${Buffer.from(token).toString('hex')}`],
    ['both halves split by a line break', `token ${token.slice(0, 11)}\n${token.slice(11)} bad`],
  ])('hides %s', (_name, text) => {
    const hidden = redact(text);

    expect(hidden).toContain('[redacted]');
    expect(hidden.toLowerCase()).not.toContain(token.slice(0, 10).toLowerCase());
    expect(hidden.toLowerCase()).not.toContain(token.slice(-10).toLowerCase());
    expect(hidden).not.toContain(Buffer.from(token).toString('hex').slice(0, 12));
    expect(hidden).not.toContain(Buffer.from(token).toString('base64').slice(0, 12));
  });

  it('leaves short values and other text alone', () => {
    rememberSecret('root');

    expect(redact('role root not found')).toBe('role root not found');
  });
});
