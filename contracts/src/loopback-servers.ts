import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** A throw-away HTTP server on 127.0.0.1. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Number of requests received so far. */
  readonly requests: () => number;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

async function start(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<LoopbackServer> {
  let count = 0;
  const { server, url } = await listen((request, response) => {
    count += 1;
    handler(request, response);
  });
  return {
    url,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL where nothing listens: a port that was bound on 127.0.0.1 and released. */
export async function closedPortUrl(): Promise<string> {
  const { server, url } = await listen(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

/** A server that reads every request and never answers (provokes first-byte timeouts). */
export function startStallingServer(): Promise<LoopbackServer> {
  return start((request) => {
    request.resume();
  });
}

/** A server that is not an LLM server: every path answers 404 with an HTML page. */
export function startForeignServer(): Promise<LoopbackServer> {
  return start((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html><body><h1>Not Found</h1><p>nginx</p></body></html>');
    });
  });
}
