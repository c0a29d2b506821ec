import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A real HTTP server on 127.0.0.1 (or ::1) with a port chosen by the OS, for unit tests. */
export interface TestServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts `handler` on a loopback port (default: a free one chosen by the OS). `close()` also destroys open connections. */
export async function startTestServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  host = '127.0.0.1',
  port = 0,
): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const boundPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${boundPort}`,
    port: boundPort,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening (bound once, then released). */
export async function closedPort(): Promise<number> {
  const probe = await startTestServer((_req, res) => res.end());
  await probe.close();
  return probe.port;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** Answers like Ollama v0.11.4 for the probe paths: `GET /`, `/api/version`, `/v1/models`; 404 text otherwise. */
export function ollamaLikeHandler(version = '0.11.4') {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Ollama is running');
    } else if (request.url === '/api/version') json(response, 200, { version });
    else if (request.url === '/v1/models') json(response, 200, { object: 'list', data: null });
    else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('404 page not found');
    }
  };
}

/** Answers like LM Studio: greeting, `/v1/models`, `/api/v0/models`; 200 with an error body for unknown paths. */
export function lmStudioLikeHandler(options: { requireAuth?: boolean } = {}) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '/';
    if (path === '/lmstudio-greeting') return json(response, 200, { lmstudio: true });
    if (options.requireAuth && !request.headers.authorization) {
      return json(response, 401, { error: { type: 'invalid_request', code: 'invalid_api_key', message: 'An LM Studio API token is required' } });
    }
    if (path === '/v1/models') return json(response, 200, { object: 'list', data: [{ id: 'qwen3-4b', object: 'model', owned_by: 'organization_owner' }] });
    if (path === '/api/v0/models') return json(response, 200, { object: 'list', data: [{ id: 'qwen3-4b', type: 'llm', state: 'loaded' }] });
    json(response, 200, { error: `Unexpected endpoint or method. (${request.method} ${path})` });
  };
}

/** Answers like a generic OpenAI-compatible server (e.g. llama.cpp, vLLM): only `/v1/*`, 404 JSON elsewhere. */
export function openAILikeHandler(options: { requireAuth?: boolean; models?: string[] } = {}) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (options.requireAuth && request.headers.authorization !== 'Bearer test-key') {
      return json(response, 401, { error: { message: 'Invalid API key', type: 'invalid_request_error' } });
    }
    if (request.url === '/v1/models') {
      return json(response, 200, { object: 'list', data: (options.models ?? ['local-llm']).map((id) => ({ id, object: 'model' })) });
    }
    json(response, 404, { error: { message: 'not found' } });
  };
}
