import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { ListMethodRewriter } from './listMethodRewriter';

const TLS_HANDSHAKE_RECORD = 0x16;
const GO_BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request';

/** A Duplex over a client socket that passes incoming bytes through `ListMethodRewriter`, for injection into an `http.Server`. */
export class RewritingSocket extends Duplex {
  private readonly rewriter = new ListMethodRewriter();

  constructor(readonly inner: Socket) {
    super();
    inner.once('data', (chunk: Buffer) => {
      if (chunk[0] === TLS_HANDSHAKE_RECORD) {
        // A TLS client on the plain port: Go's server fails to parse a request line and answers 400.
        inner.end(GO_BAD_REQUEST);
      }
    });
    inner.on('data', (chunk: Buffer) => {
      if (inner.writableEnded) {
        return;
      }

      const rewritten = this.rewriter.push(chunk);
      if (rewritten.length > 0 && !this.push(rewritten)) {
        inner.pause();
      }
    });
    inner.on('end', () => this.push(null));
    inner.on('close', () => this.destroy());
    inner.on('error', (error) => this.destroy(error));
  }

  get remoteAddress(): string | undefined {
    return this.inner.remoteAddress;
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.inner.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inner.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner.destroy();
    callback(error);
  }

  setTimeout(milliseconds: number, callback?: () => void): this {
    this.inner.setTimeout(milliseconds, callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.inner.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelay?: number): this {
    this.inner.setKeepAlive(enable, initialDelay);
    return this;
  }
}
