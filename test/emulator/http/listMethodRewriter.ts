/** Header that marks a request which arrived with the LIST method. */
export const LIST_MARKER_HEADER = 'x-vault-emulator-method';

const MAX_HEAD_BYTES = 1024 * 1024;

type State =
  | { kind: 'head' }
  | { kind: 'body'; remaining: number }
  | { kind: 'chunkSize' }
  | { kind: 'chunkData'; remaining: number }
  | { kind: 'trailers' }
  | { kind: 'passthrough' };

/**
 * Rewrites `LIST` request lines to `GET` plus a marker header, because Node's HTTP parser rejects
 * methods it does not know while Vault's LIST is common. It follows HTTP/1.1 framing
 * (Content-Length and chunked bodies) so that every request on a keep-alive connection is seen;
 * all other bytes pass through unchanged.
 */
export class ListMethodRewriter {
  private state: State = { kind: 'head' };
  private pending: Buffer = Buffer.alloc(0);

  /** Takes bytes from the client and returns the bytes to hand to the HTTP parser. */
  push(chunk: Buffer): Buffer {
    if (this.state.kind === 'passthrough') {
      return chunk;
    }

    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const output: Buffer[] = [];
    let progressed = true;
    while (progressed && this.pending.length > 0) {
      progressed = this.step(output);
    }

    return Buffer.concat(output);
  }

  private step(output: Buffer[]): boolean {
    const state = this.state;
    switch (state.kind) {
      case 'head':
        return this.readHead(output);
      case 'body':
      case 'chunkData':
        return this.readCounted(state, output);
      case 'chunkSize':
        return this.readChunkSize(output);
      case 'trailers':
        return this.readTrailerLine(output);
      case 'passthrough':
        output.push(this.take(this.pending.length));
        return true;
    }
  }

  private readHead(output: Buffer[]): boolean {
    // Clients may send empty lines between requests; the parser skips them too.
    const end = this.pending.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) {
        this.state = { kind: 'passthrough' };
        return true;
      }

      return false;
    }

    const head = this.take(end + 4).toString('latin1');
    const lines = head.split('\r\n');
    const requestLine = lines[0] ?? '';
    if (requestLine.startsWith('LIST ')) {
      lines[0] = `GET ${requestLine.slice('LIST '.length)}`;
      lines.splice(1, 0, `${LIST_MARKER_HEADER}: LIST`);
    }

    output.push(Buffer.from(lines.join('\r\n'), 'latin1'));
    this.state = bodyState(lines.slice(1));
    return true;
  }

  private readCounted(state: { kind: 'body' | 'chunkData'; remaining: number }, output: Buffer[]): boolean {
    const count = Math.min(state.remaining, this.pending.length);
    output.push(this.take(count));
    state.remaining -= count;
    if (state.remaining === 0) {
      this.state = state.kind === 'body' ? { kind: 'head' } : { kind: 'chunkSize' };
    }

    return count > 0;
  }

  private readChunkSize(output: Buffer[]): boolean {
    const end = this.pending.indexOf('\r\n');
    if (end < 0) {
      return false;
    }

    const line = this.take(end + 2);
    output.push(line);
    const size = Number.parseInt(line.toString('latin1').split(';')[0]?.trim() ?? '', 16);
    if (Number.isNaN(size)) {
      this.state = { kind: 'passthrough' };
    } else {
      // The chunk data is followed by CRLF; the last chunk (size 0) is followed by trailers.
      this.state = size === 0 ? { kind: 'trailers' } : { kind: 'chunkData', remaining: size + 2 };
    }

    return true;
  }

  private readTrailerLine(output: Buffer[]): boolean {
    const end = this.pending.indexOf('\r\n');
    if (end < 0) {
      return false;
    }

    output.push(this.take(end + 2));
    if (end === 0) {
      this.state = { kind: 'head' };
    }

    return true;
  }

  private take(count: number): Buffer {
    const taken = this.pending.subarray(0, count);
    this.pending = this.pending.subarray(count);
    return taken;
  }
}

function bodyState(headerLines: readonly string[]): State {
  let contentLength = 0;
  for (const line of headerLines) {
    const separator = line.indexOf(':');
    const name = line.slice(0, separator).trim().toLowerCase();
    const value = line.slice(separator + 1).trim();
    if (name === 'transfer-encoding' && value.toLowerCase().includes('chunked')) {
      return { kind: 'chunkSize' };
    }

    if (name === 'content-length') {
      contentLength = Number(value);
    }
  }

  if (!Number.isSafeInteger(contentLength) || contentLength < 0) {
    return { kind: 'passthrough' };
  }

  return contentLength === 0 ? { kind: 'head' } : { kind: 'body', remaining: contentLength };
}
