import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

/** One request the test server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
}

/** A real `node:http` server on a loopback port, for unit tests (no mocked fetch). */
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

/** Starts a server on `host` (default 127.0.0.1), port 0. */
export async function startServer(handler: TestHandler, host = '127.0.0.1'): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closed = 0;
  const closeWaiters: Array<() => void> = [];
  const server: Server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const request: RecordedRequest = { method: raw.method ?? '', url: raw.url ?? '', headers: raw.headers, body, json };
      requests.push(request);
      Promise.resolve(handler(request, response, raw)).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      closed += 1;
      for (const waiter of closeWaiters.splice(0)) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    port,
    requests,
    closedSockets: () => closed,
    waitForSocketClose: () => new Promise<void>((resolve) => closeWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
