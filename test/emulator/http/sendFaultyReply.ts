import { STATUS_CODES, type ServerResponse } from 'node:http';
import { standardHeaders, type Reply } from './reply';

/** Sends an HTML error page like the one nginx sends as a reverse proxy, for example for 502. */
export function sendHtmlPage(response: ServerResponse, status: number): void {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  response.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/** Sends the reply with a Content-Length 64 bytes larger than the body, then closes the connection. */
export function sendTruncated(response: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body);
  response.writeHead(reply.status, { ...standardHeaders(reply), 'Content-Length': String(body.length + 64), Connection: 'close' });
  response.write(body, () => response.socket?.end());
}

/** Sends the status, headers and the first half of the body, then neither finishes nor closes. */
export function sendStalled(response: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body);
  response.writeHead(reply.status, { ...standardHeaders(reply), 'Content-Length': String(body.length) });
  response.write(body.subarray(0, Math.floor(body.length / 2)));
}
