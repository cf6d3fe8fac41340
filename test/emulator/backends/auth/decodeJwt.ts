import { createPublicKey, verify } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** Decodes a compact JWS; throws `malformed token` when it is not three base64url JSON parts. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new Error('malformed token');
  }

  try {
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) {
      throw new Error('not an object');
    }

    return { header, claims };
  } catch {
    throw new Error('malformed token');
  }
}

/** Checks whether one of the PEM public keys verifies the RS256, RS384, RS512 or ES256 signature. */
export function verifyJwtSignature(token: string, algorithm: unknown, publicKeys: readonly string[]): boolean {
  const hashes: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512', ES256: 'sha256' };
  const hash = typeof algorithm === 'string' ? hashes[algorithm] : undefined;
  if (hash === undefined) {
    return false;
  }

  const [header = '', payload = '', signature = ''] = token.split('.');
  const signed = Buffer.from(`${header}.${payload}`);
  const signatureBytes = Buffer.from(signature, 'base64url');
  return publicKeys.some((pem) => {
    try {
      const key = createPublicKey(pem);
      return verify(hash, signed, algorithm === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key, signatureBytes);
    } catch {
      return false;
    }
  });
}
