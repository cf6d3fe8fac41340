import type { IncomingMessage } from 'node:http';

/** Reads the body up to `limit` bytes; the rest is drained and only flagged, so a huge upload costs no memory. */
export function readRequestBody(request: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        return;
      }

      chunks.push(chunk);
    });
    request.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
    request.on('error', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
    request.on('close', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
  });
}
