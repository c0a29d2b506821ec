import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTestServer, type RecordedRequest } from '@samus/test-server';

export type { RecordedRequest } from '@samus/test-server';

/** A real `node:http` server on a loopback port, for unit tests (no mocked fetch): `@samus/test-server` with an `origin`. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` (or `http://[::1]:<port>`). */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Resolves when a socket the server accepted closes (count of closed sockets so far). */
  closedSockets(): number;
  waitForSocketClose(): Promise<void>;
  close(): Promise<void>;
}

export type TestHandler = (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** Starts the repository's one test server on `host` (default 127.0.0.1), port 0; the handler writes the response. */
export async function startServer(handler: TestHandler, host = '127.0.0.1'): Promise<LoopbackServer> {
  const server = await startTestServer(async (request, response, raw) => {
    await handler(request, response, raw);
  }, { host });
  return { origin: server.url, port: server.port, requests: server.requests, closedSockets: server.closedSockets, waitForSocketClose: server.waitForSocketClose, close: server.close };
}

/** An OpenAI `chat.completion.chunk` SSE event with a text delta. */
export function textChunk(text: string, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model: 'test-model', choices: [{ index: 0, delta: { content: text }, finish_reason: null }], ...extra })}\n\n`;
}

/** An SSE event with an arbitrary chunk body. */
export function sseEvent(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The finish chunk, usage chunk and `[DONE]`. */
export function finishEvents(reason = 'stop', usage: Record<string, number> | undefined = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 }): string {
  return (
    sseEvent({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model: 'test-model', choices: [{ index: 0, delta: {}, finish_reason: reason }] }) +
    (usage ? sseEvent({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model: 'test-model', choices: [], usage }) : '') +
    'data: [DONE]\n\n'
  );
}

/** Writes SSE headers. */
export function sseHead(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

/** Writes `parts` one socket write each, waiting `delayMs` between writes (so they arrive as separate reads). */
export async function writeSlowly(response: ServerResponse, parts: Array<string | Uint8Array>, delayMs = 5): Promise<void> {
  for (const part of parts) {
    response.write(part);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
