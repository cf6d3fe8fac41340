import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../core/emulatorContext';
import { randomUuid } from '../core/randomValues';
import type { RecordedRequest } from '../types';
import { answerRequest } from './answerRequest';
import { MAX_REQUEST_BYTES } from './buildRequestData';
import type { FaultController } from './faultController';
import { LIST_MARKER_HEADER } from './listMethodRewriter';
import { readRequestBody } from './readRequestBody';
import { recordRequest } from './recordRequest';
import { errorReply, sendReply } from './reply';
import { sendHtmlPage, sendStalled, sendTruncated } from './sendFaultyReply';

export interface RequestHandlerDependencies {
  context: EmulatorContext;
  faults: FaultController;
  requests: RecordedRequest[];
  /** Runs a callback after a delay unless the emulator closes first. */
  delay(milliseconds: number): Promise<void>;
  onRequest?: ((request: RecordedRequest) => void) | undefined;
}

/** Builds the HTTP request listener, which reads and records each request, applies the faults and sends the response. */
export function createRequestHandler(dependencies: RequestHandlerDependencies): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handle(dependencies, request, response);
  };
}

async function handle(dependencies: RequestHandlerDependencies, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const time = Date.now();
  const method = originalMethod(request);
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const path = vaultPath(url.pathname);
  const { body, tooLarge } = await readRequestBody(request, MAX_REQUEST_BYTES);
  const recorded = recordRequest({ method, path: path ?? url.pathname, query: url.searchParams, headers: request.headers, body, time });
  dependencies.requests.push(recorded);

  const faults = dependencies.faults.decide(recorded.path);
  if (faults.latencyMs > 0) {
    await dependencies.delay(faults.latencyMs);
  }

  if (response.destroyed || request.socket.destroyed) {
    dependencies.onRequest?.(recorded);
    return;
  }

  if (faults.hang) {
    dependencies.onRequest?.(recorded);
    return;
  }

  if (faults.dropConnection) {
    request.socket.destroy();
    dependencies.onRequest?.(recorded);
    return;
  }

  if (faults.htmlStatus !== undefined) {
    sendHtmlPage(response, faults.htmlStatus);
    finish(dependencies, recorded, faults.htmlStatus);
    return;
  }

  if (faults.status !== undefined) {
    const retryAfter = faults.status.retryAfter;
    sendReply(response, errorReply(faults.status.code, faults.status.errors, retryAfter === undefined ? {} : { 'Retry-After': retryAfter }), method);
    finish(dependencies, recorded, faults.status.code);
    return;
  }

  const reply = answerRequest(dependencies.context, {
    method,
    rawPath: url.pathname,
    path,
    query: url.searchParams,
    search: url.search,
    headers: request.headers,
    body,
    bodyTooLarge: tooLarge,
    requestId: randomUuid(),
  });

  if (reply.dropConnection === true) {
    request.socket.destroy();
    dependencies.onRequest?.(recorded);
    return;
  }

  if (faults.truncateBody) {
    sendTruncated(response, reply);
  } else if (faults.stallBody) {
    sendStalled(response, reply);
  } else {
    sendReply(response, reply, method);
  }

  finish(dependencies, recorded, reply.status);
}

/** The method as the client sent it; LIST arrives as GET with a marker header, which is removed here. */
function originalMethod(request: IncomingMessage): string {
  const marked = request.headers[LIST_MARKER_HEADER] === 'LIST';
  delete request.headers[LIST_MARKER_HEADER];
  return marked && request.method === 'GET' ? 'LIST' : (request.method ?? 'GET').toUpperCase();
}

function finish(dependencies: RequestHandlerDependencies, recorded: RecordedRequest, status: number): void {
  recorded.status = status;
  dependencies.onRequest?.(recorded);
}

/** Returns the decoded path after `/v1/`, or `undefined` for other paths. */
function vaultPath(pathname: string): string | undefined {
  if (!pathname.startsWith('/v1/')) {
    return undefined;
  }

  const rest = pathname.slice('/v1/'.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}
