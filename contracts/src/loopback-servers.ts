import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

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

/** A base URL where nothing listens: a port that was bound on 127.0.0.1 and released (the one test server's helper). */
export { closedPortUrl } from '@samus/test-server';

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

/** A server that answers every request with `503 Service Unavailable` and a JSON error body. */
export interface UnavailableServer extends LoopbackServer {
  /** Generation requests received: bodies with a `messages` array (chat requests of any wire format). */
  readonly generations: () => number;
}

/** Starts an {@link UnavailableServer}. */
export async function startUnavailableServer(): Promise<UnavailableServer> {
  let generations = 0;
  const server = await start((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: unknown };
        if (Array.isArray(body.messages)) generations += 1;
      } catch {
        // not JSON: not a generation request
      }
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'server overloaded, try again later' }));
    });
  });
  return { ...server, generations: () => generations };
}

/** A TCP pass-through to an HTTP server that tells which client connections are still open. */
export interface ConnectionTracker {
  /** `http://127.0.0.1:<port>`: use it as the base URL instead of the target's. */
  readonly url: string;
  /** Client connections currently open. */
  readonly open: () => number;
  /** Client connections accepted so far. */
  readonly accepted: () => number;
  close(): Promise<void>;
}

/** Starts a {@link ConnectionTracker} in front of `targetUrl` (an `http://host:port` URL). */
export async function startConnectionTracker(targetUrl: string): Promise<ConnectionTracker> {
  const target = new URL(targetUrl);
  const clients = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let accepted = 0;
  const server = createNetServer((client) => {
    accepted += 1;
    clients.add(client);
    const upstream = connect(Number(target.port), target.hostname);
    upstreams.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      clients.delete(client);
      end();
    });
    upstream.on('close', () => {
      upstreams.delete(upstream);
      end();
    });
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    open: () => clients.size,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of [...clients, ...upstreams]) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
