import { request } from 'node:http';

/** Largest answer read from a metadata endpoint, in bytes; credentials are about 1.5 KiB. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Sends one plain-http request to a link-local or loopback metadata endpoint (instance metadata,
 * container credentials). It never goes through a proxy, as in the AWS SDKs.
 */
export function fetchLocalEndpoint(url: URL, method: 'GET' | 'PUT', headers: Record<string, string>, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, agent: false, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          outgoing.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }

        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
