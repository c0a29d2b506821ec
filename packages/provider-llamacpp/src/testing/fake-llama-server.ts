import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded request. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
}

/** What a route answers: a status and a JSON body (or text). */
export interface FakeAnswer {
  status?: number;
  body: unknown;
}

/** A route: `'GET /health'` → answer (or a function of the request). */
export type FakeRoutes = Record<string, FakeAnswer | ((request: RecordedRequest) => FakeAnswer)>;

/** A small in-process HTTP server on 127.0.0.1 answering recorded llama-server bodies (unit tests: no mocked fetch). */
export async function startFakeLlamaServer(routes: FakeRoutes): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text === '' ? undefined : text;
      try {
        body = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        // kept as text
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body, headers: req.headers };
      requests.push(recorded);
      const route = routes[`${recorded.method} ${req.url ?? '/'}`] ?? routes[`${recorded.method} ${path}`];
      const answer = typeof route === 'function' ? route(recorded) : (route ?? { status: 404, body: { error: { message: 'File Not Found', type: 'not_found_error', code: 404 } } });
      res.writeHead(answer.status ?? 200, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
