import type { ErrorCode } from '@samus/kernel';
import { gzipSync } from 'node:zlib';
import { closedPortUrl, startRawServer, startTestServer } from './test-server.js';

/** A server that fails in one way, started for one check. */
export interface StartedFailure {
  /** The base URL to point the provider at. */
  baseUrl: string;
  /** Requests this server received. */
  requests?: () => number;
  /** Requests another origin received (for redirects: must stay 0). */
  elsewhere?: () => number;
  close(): Promise<void>;
}

/** A path a failure is checked on. */
export type FailurePath = 'generateContent' | 'generateContentStream' | 'embedContent' | 'admin.listModels' | 'admin.health';

/** One way a server (or the way to it) can fail, and the one code every path must report for it. */
export interface FailureMode {
  id: string;
  /** The paths the mode applies to (default: every path). Stream faults apply to streaming only. */
  paths?: readonly FailurePath[];
  /** An API key to configure: the matrix checks that no error on any path contains it. */
  apiKey?: string;
  /** Generation config for the request (e.g. `maxOutputTokens`). */
  requestConfig?: Record<string, unknown>;
  /** The request contents (default `'hi'`): malformed input modes. */
  contents?: unknown;
  /** Requests the server may receive (malformed input: 0). */
  maxRequests?: number;
  /** What happens, for the test name and the table in the docs. */
  description: string;
  /** The one code every path reports. */
  code: ErrorCode;
  /** The HTTP status the error carries (`undefined`: none, no HTTP answer). */
  status?: number;
  /** Timeouts to configure for this mode (short, so every mode ends in well under a second). */
  timeouts?: { connectMs?: number; firstByteMs?: number; idleMs?: number; totalMs?: number };
  start(): Promise<StartedFailure>;
}

type CountingFailure = StartedFailure;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): (() => Promise<CountingFailure>) => async () => {
  const server = await startTestServer(() => ({ status, body, headers }));
  return { baseUrl: server.url, requests: () => server.requests.length, close: () => server.close() };
};

const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): (() => Promise<CountingFailure>) => async () => {
  const server = await startTestServer(() => ({ status, body, headers: { 'content-type': contentType } }));
  return { baseUrl: server.url, requests: () => server.requests.length, close: () => server.close() };
};

const redirect = (status: number): (() => Promise<StartedFailure>) => async () => {
  const other = await startTestServer(() => ({ body: { error: 'the redirect was followed' } }));
  const server = await startTestServer((request) => ({ status, headers: { location: `${other.url}${request.path}` }, body: '' }));
  return {
    baseUrl: server.url,
    elsewhere: () => other.requests.length,
    close: async () => {
      await server.close();
      await other.close();
    },
  };
};

/**
 * The failures every provider path must report with the same code (the failure matrix of the one transport). Each
 * is provoked by a loopback server and answers every request the same way, whatever the path.
 */
export const FAILURE_MODES: readonly FailureMode[] = [
  {
    id: 'refused',
    description: 'nothing listens on the port',
    code: 'SAMUS_ERR_SERVER_NOT_RUNNING',
    start: async () => ({ baseUrl: await closedPortUrl(), close: async () => undefined }),
  },
  {
    id: 'not-http',
    description: 'the peer speaks another protocol (an SSH banner)',
    code: 'SAMUS_ERR_WRONG_BASE_URL',
    start: async () => {
      const server = await startRawServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  {
    id: 'tls-against-plain',
    description: 'https:// against a plain-HTTP server',
    code: 'SAMUS_ERR_WRONG_BASE_URL',
    start: async () => {
      const server = await startTestServer(() => ({ body: {} }));
      return { baseUrl: server.url.replace('http:', 'https:'), close: () => server.close() };
    },
  },
  {
    id: 'reset-before-headers',
    description: 'the connection is reset after the request arrived, before any answer',
    code: 'SAMUS_ERR_SERVER_ERROR',
    start: async () => {
      const server = await startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  {
    id: 'no-headers',
    description: 'the server accepts and never answers',
    code: 'SAMUS_ERR_TIMEOUT',
    timeouts: { firstByteMs: 150 },
    start: async () => {
      const server = await startTestServer(() => undefined);
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  { id: 'http-500', description: 'HTTP 500 with an error body', code: 'SAMUS_ERR_SERVER_ERROR', status: 500, start: json(500, { error: 'something broke' }) },
  { id: 'http-502-text', description: 'HTTP 502 from a proxy, plain text', code: 'SAMUS_ERR_SERVER_ERROR', status: 502, start: text(502, 'Bad Gateway') },
  { id: 'http-503', description: 'HTTP 503 with an error body', code: 'SAMUS_ERR_SERVER_ERROR', status: 503, start: json(503, { error: 'overloaded' }) },
  { id: 'http-401', description: 'HTTP 401: a key is required', code: 'SAMUS_ERR_UNAUTHORIZED', status: 401, start: json(401, { error: { message: 'Invalid API key', code: 'invalid_api_key' } }) },
  { id: 'http-403', description: 'HTTP 403 with an error body', code: 'SAMUS_ERR_UNAUTHORIZED', status: 403, start: json(403, { error: 'forbidden' }) },
  { id: 'http-429', description: 'HTTP 429 with an error body', code: 'SAMUS_ERR_RATE_LIMITED', status: 429, start: json(429, { error: 'slow down' }) },
  { id: 'http-404-text', description: "HTTP 404 plain text (another server's router)", code: 'SAMUS_ERR_WRONG_BASE_URL', status: 404, start: text(404, '404 page not found') },
  { id: 'http-404-model', description: 'HTTP 404 naming a missing model', code: 'SAMUS_ERR_MODEL_NOT_FOUND', status: 404, start: json(404, { error: 'model "m" not found, try pulling it first' }) },
  { id: 'http-400', description: 'HTTP 400 with an error body', code: 'SAMUS_ERR_INVALID_REQUEST', status: 400, start: json(400, { error: 'invalid parameter' }) },
  { id: 'html-200', description: 'HTTP 200 with a web page', code: 'SAMUS_ERR_WRONG_BASE_URL', start: text(200, '<!doctype html><html><body>router</body></html>', 'text/html') },
  { id: 'unexpected-endpoint-200', description: 'HTTP 200 with {"error":"Unexpected endpoint…"}', code: 'SAMUS_ERR_WRONG_BASE_URL', start: json(200, { error: 'Unexpected endpoint or method. (POST /x)' }) },
  { id: 'redirect-302-other-origin', description: 'HTTP 302 to another origin (never followed)', code: 'SAMUS_ERR_WRONG_BASE_URL', status: 302, start: redirect(302) },
  { id: 'redirect-307-other-origin', description: 'HTTP 307 to another origin (never followed: the body and headers would be replayed)', code: 'SAMUS_ERR_WRONG_BASE_URL', status: 307, start: redirect(307) },
  { id: 'redirect-308-other-origin', description: 'HTTP 308 to another origin (never followed)', code: 'SAMUS_ERR_WRONG_BASE_URL', status: 308, start: redirect(308) },
  { id: 'redirect-301-other-origin', description: 'HTTP 301 to another origin (never followed: a POST would turn into a GET)', code: 'SAMUS_ERR_WRONG_BASE_URL', status: 301, start: redirect(301) },
  { id: 'redirect-303-other-origin', description: 'HTTP 303 to another origin (never followed)', code: 'SAMUS_ERR_WRONG_BASE_URL', status: 303, start: redirect(303) },
  {
    id: 'redirect-loop-same-origin',
    description: 'HTTP 302 to the same path on the same origin, forever (GETs follow at most 3, POSTs none)',
    code: 'SAMUS_ERR_WRONG_BASE_URL',
    status: 302,
    start: async () => {
      const server = await startTestServer((request) => ({ status: 302, headers: { location: request.path }, body: '' }));
      return { baseUrl: server.url, requests: () => server.requests.length, close: () => server.close() };
    },
  },
  { id: 'http-504-text', description: 'HTTP 504 from a proxy, plain text', code: 'SAMUS_ERR_SERVER_ERROR', status: 504, start: text(504, 'Gateway Timeout') },
  { id: 'http-503-retry-after', description: 'HTTP 503 with Retry-After (retries off)', code: 'SAMUS_ERR_SERVER_ERROR', status: 503, start: json(503, { error: 'loading' }, { 'retry-after': '1' }) },
  { id: 'http-409', description: 'HTTP 409 with an error body', code: 'SAMUS_ERR_SERVER_ERROR', status: 409, start: json(409, { error: 'conflict' }) },
  { id: 'http-405-text', description: 'HTTP 405 plain text (another server)', code: 'SAMUS_ERR_WRONG_BASE_URL', status: 405, start: text(405, 'Method Not Allowed') },
  { id: 'http-413', description: 'HTTP 413: the request is too large', code: 'SAMUS_ERR_INVALID_REQUEST', status: 413, start: json(413, { error: 'request entity too large' }) },
  { id: 'http-422', description: 'HTTP 422 with a detail body', code: 'SAMUS_ERR_INVALID_REQUEST', status: 422, start: json(422, { detail: 'field required' }) },
  {
    id: 'http-500-memory',
    description: 'HTTP 500: the model does not fit into memory',
    code: 'SAMUS_ERR_INSUFFICIENT_MEMORY',
    status: 500,
    start: json(500, { error: 'model requires more system memory (8.0 GiB) than is available (2.1 GiB)' }),
  },
  { id: 'http-400-context', description: 'HTTP 400: the prompt exceeds the context', code: 'SAMUS_ERR_CONTEXT_OVERFLOW', status: 400, start: json(400, { error: 'input length exceeds maximum context length' }) },
  { id: 'error-200', description: 'HTTP 200 with {"error":{"message":…}} (no status to go by)', code: 'SAMUS_ERR_SERVER_ERROR', paths: ['generateContent', 'embedContent', 'admin.listModels', 'admin.health'], start: json(200, { error: { message: 'something broke', type: 'server_error' } }) },
  {
    id: 'reset-after-headers',
    description: 'the connection is reset after the response headers',
    code: 'SAMUS_ERR_SERVER_ERROR',
    start: async () => {
      const server = await startRawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"partial":');
          setTimeout(() => socket.resetAndDestroy(), 20);
        }),
      );
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  {
    id: 'slow-headers',
    description: 'the status line arrives, the rest of the headers never do (slowloris)',
    code: 'SAMUS_ERR_TIMEOUT',
    timeouts: { firstByteMs: 150 },
    start: async () => {
      const server = await startRawServer((socket) => socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\n')));
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  {
    id: 'slow-body',
    description: 'headers, then one byte every 40 ms without a line break, forever (bounded by idle/total limits)',
    code: 'SAMUS_ERR_TIMEOUT',
    timeouts: { firstByteMs: 1_000, idleMs: 200, totalMs: 600 },
    start: async () => {
      const timers = new Set<ReturnType<typeof setInterval>>();
      const server = await startRawServer((socket) =>
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
          const timer = setInterval(() => socket.write('1\r\n \r\n'), 40);
          timers.add(timer);
          socket.on('close', () => {
            clearInterval(timer);
            timers.delete(timer);
          });
        }),
      );
      return {
        baseUrl: server.url,
        close: async () => {
          for (const timer of timers) clearInterval(timer);
          await server.close();
        },
      };
    },
  },
  {
    id: 'gzip-500',
    description: 'HTTP 500 with a gzip-encoded error body',
    code: 'SAMUS_ERR_SERVER_ERROR',
    status: 500,
    start: async () => {
      const body = gzipSync(JSON.stringify({ error: 'something broke' }));
      const server = await startTestServer((_request, response) => {
        response.writeHead(500, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(body);
      });
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  {
    id: 'corrupt-gzip-200',
    description: 'HTTP 200 whose gzip body is corrupt',
    code: 'SAMUS_ERR_SERVER_ERROR',
    start: async () => {
      const server = await startTestServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(Buffer.from('this is not gzip at all, just bytes'));
      });
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
  {
    id: 'giant-body',
    description: 'HTTP 200 with a 40 MiB body without a line break (more than any limit allows)',
    code: 'SAMUS_ERR_LIMIT_EXCEEDED',
    start: async () => {
      const piece = Buffer.alloc(1024 * 1024, 'x');
      const server = await startTestServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"x":"');
        let sent = 0;
        const write = (): void => {
          while (sent < 40 && !response.destroyed) {
            sent += 1;
            if (!response.write(piece)) {
              response.once('drain', write);
              return;
            }
          }
          if (!response.destroyed) response.end('"}');
        };
        write();
      });
      return { baseUrl: server.url, close: () => server.close() };
    },
  },
];

const GENERATION: FailureMode['paths'] = ['generateContent', 'generateContentStream'];
const countingServer = async (): Promise<StartedFailure> => {
  const server = await startTestServer(() => ({ body: {} }));
  return { baseUrl: server.url, requests: () => server.requests.length, close: () => server.close() };
};

/** Malformed prompts: refused before anything is sent, with the offending path (never an empty conversation). */
export const MALFORMED_INPUT_MODES: readonly FailureMode[] = [
  { id: 'input-contents-number', description: '`contents: 42`', code: 'SAMUS_ERR_INVALID_REQUEST', paths: GENERATION, contents: 42, maxRequests: 0, start: countingServer },
  { id: 'input-contents-null', description: '`contents: null`', code: 'SAMUS_ERR_INVALID_REQUEST', paths: GENERATION, contents: null, maxRequests: 0, start: countingServer },
  { id: 'input-contents-object', description: '`contents: {}` (no parts)', code: 'SAMUS_ERR_INVALID_REQUEST', paths: GENERATION, contents: {}, maxRequests: 0, start: countingServer },
  { id: 'input-part-text-number', description: '`[{ parts: [{ text: 42 }] }]`', code: 'SAMUS_ERR_INVALID_REQUEST', paths: GENERATION, contents: [{ role: 'user', parts: [{ text: 42 }] }], maxRequests: 0, start: countingServer },
  { id: 'input-parts-null', description: '`[{ role: "user", parts: null }]`', code: 'SAMUS_ERR_INVALID_REQUEST', paths: GENERATION, contents: [{ role: 'user', parts: null }], maxRequests: 0, start: countingServer },
  { id: 'input-tools-null', description: '`tools: [null]`', code: 'SAMUS_ERR_INVALID_REQUEST', paths: GENERATION, requestConfig: { tools: [null] }, maxRequests: 0, start: countingServer },
];
