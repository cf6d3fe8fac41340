import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UPPER_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SECRET_KEY_ALPHABET = `${BASE62}+/`;

export function randomString(alphabet: string, length: number): string {
  let result = '';
  for (let index = 0; index < length; index += 1) {
    result += alphabet[randomInt(alphabet.length)];
  }

  return result;
}

/** 24 base62 characters, the length Vault uses for accessors and lease ID suffixes. */
export function randomBase62(length = 24): string {
  return randomString(BASE62, length);
}

export function randomUuid(): string {
  return randomUUID();
}

/** `ASIA` for temporary STS keys, `AKIA` for IAM user keys, then 16 uppercase alphanumerics. */
export function randomAccessKeyId(prefix: 'ASIA' | 'AKIA'): string {
  return prefix + randomString(UPPER_ALPHANUMERIC, 16);
}

export function randomSecretAccessKey(): string {
  return randomString(SECRET_KEY_ALPHABET, 40);
}

/** About 600 characters of base64, shaped like a real STS session token. */
export function randomSessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(440).toString('base64')}`;
}

/** Creates a service token in the `hvs.` format of Vault 1.10 and later. */
export function randomServiceToken(): string {
  return `hvs.CAESI${randomBase62(86)}`;
}
