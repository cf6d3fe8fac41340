import { chooseProxy } from '../vault/proxy/chooseProxy';
import type { VaultClientOptions } from '../vault/readClientOptions';
import { sendRequest } from '../vault/sendRequest';

/**
 * Query parameters that make a node in any state respond with 299 and a body, as the official Go
 * client's `Sys().Health()` sends them. Without them a sealed node responds with 503 and a standby
 * with 429, which a client would retry as overload.
 */
const ALWAYS_BODY_QUERY = ['uninitcode', 'sealedcode', 'standbycode', 'drsecondarycode', 'performancestandbycode', 'removedcode', 'haunhealthycode']
  .map((name) => `${name}=299`)
  .join('&');

export interface SysHealth {
  body: Record<string, unknown>;
  /** Local time in milliseconds halfway between sending the request and receiving the response. */
  receivedAtMs: number;
  roundTripMs: number;
}

/**
 * Sends `GET sys/health` with the query above. The Vault client takes no query string, so this
 * sends the one request directly, with the client's TLS and proxy settings. Rejects on connection
 * errors and on a response that is not a JSON object.
 */
export async function requestSysHealth(options: VaultClientOptions): Promise<SysHealth> {
  const base = new URL(options.address);
  const isSocket = base.protocol === 'unix:';
  const url = isSocket
    ? new URL(`http://localhost/v1/sys/health?${ALWAYS_BODY_QUERY}`)
    : new URL(`${base.pathname.replace(/\/+$/, '')}/v1/sys/health?${ALWAYS_BODY_QUERY}`, base);

  const proxy = isSocket ? undefined : chooseProxy(options.proxy, url);
  const sentAt = Date.now();
  const response = await sendRequest({
    method: 'GET',
    url,
    ...(isSocket ? { socketPath: base.pathname } : {}),
    ...(proxy === undefined ? {} : { proxy }),
    headers: { 'X-Vault-Request': 'true' },
    body: undefined,
    tls: options.tls,
    signal: AbortSignal.timeout(options.timeoutMs > 0 ? options.timeoutMs : 15_000),
  });
  const receivedAt = Date.now();

  const body: unknown = JSON.parse(response.body);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`sys/health responded with HTTP ${response.status} and no JSON object`);
  }

  return { body: body as Record<string, unknown>, receivedAtMs: (sentAt + receivedAt) / 2, roundTripMs: receivedAt - sentAt };
}
