import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/v1/chat/completions`. */
  path: string;
  /** The same as {@link path} (the request line's URL). */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as text. */
  body: string;
  /** The body parsed as JSON, when it was JSON. */
  json: unknown;
}

/** What a handler answers: a status with a JSON or text body, or `undefined` when it wrote the response itself. */
export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (content type `text/plain` unless given); anything else as JSON. */
  body?: unknown;
}

/** Handles one recorded request: write to `response` yourself, or return an answer. */
export type TestHandler = (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => ScriptedAnswer | undefined | void | Promise<ScriptedAnswer | undefined | void>;

/** A loopback HTTP server for tests. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Connections closed so far (a client that aborts closes its connection). */
  closedSockets(): number;
  /** Resolves when the next connection closes. */
  waitForSocketClose(): Promise<void>;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes a scripted answer. */
export function writeAnswer(response: ServerResponse, answer: ScriptedAnswer): void {
  const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
  const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
  response.end(text);
}

/**
 * Starts an HTTP server on 127.0.0.1 that records every request (method, path, headers, body) and hands it to
 * `handler`. The one test server of the repository: packages' unit tests and the failure matrix use it.
 */
export async function startTestServer(handler: TestHandler = () => ({ body: {} }), options: { host?: string } = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  let closed = 0;
  let waiters: Array<() => void> = [];
  const server: Server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { method: raw.method ?? 'GET', path: raw.url ?? '/', url: raw.url ?? '/', headers: raw.headers, body, json: parseJson(body) };
      requests.push(recorded);
      Promise.resolve(handler(recorded, response, raw)).then(
        (answer) => {
          if (answer && !response.headersSent) writeAnswer(response, answer);
        },
        (error: unknown) => {
          if (!response.headersSent) writeAnswer(response, { status: 500, body: { error: String(error) } });
          else response.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  });
  server.on('connection', (socket) => {
    socket.on('close', () => {
      closed += 1;
      const pending = waiters;
      waiters = [];
      for (const resolve of pending) resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    port,
    requests,
    closedSockets: () => closed,
    waitForSocketClose: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server on 127.0.0.1 that hands every connection to `onSocket` (for peers that do not speak HTTP, resets…). */
export interface RawServer {
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a {@link RawServer}. */
export async function startRawServer(onSocket: (socket: Socket) => void): Promise<RawServer> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens (a port that was just free). */
export async function closedPortUrl(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
