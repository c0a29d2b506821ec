import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** A fake Ollama `/api/pull` on 127.0.0.1 for tests (wire shapes of api-facts §1.4). */
export interface FakeOllamaPull {
  url: string;
  /** Bodies of the `/api/pull` requests received. */
  requests: { model?: string; stream?: boolean }[];
  /** Resolves when the server saw the client close a pull that was still streaming (an abort). */
  clientClosed: Promise<void>;
  /** Resolves when the `hang` model's stream has sent its first layer line. */
  hanging: Promise<void>;
  close(): Promise<void>;
}

const DIGEST_A = `sha256:${'a1'.repeat(32)}`;
const DIGEST_B = `sha256:${'b2'.repeat(32)}`;

/** The NDJSON lines of a successful pull of two interleaved layers (500 MB + 1 MB). */
export const PULL_LINES: readonly Record<string, unknown>[] = [
  { status: 'pulling manifest' },
  { status: `pulling ${DIGEST_A.slice(7, 19)}`, digest: DIGEST_A, total: 500_000_000 },
  { status: `pulling ${DIGEST_B.slice(7, 19)}`, digest: DIGEST_B, total: 1_000_000 },
  { status: `pulling ${DIGEST_A.slice(7, 19)}`, digest: DIGEST_A, total: 500_000_000, completed: 125_000_000 },
  { status: `pulling ${DIGEST_B.slice(7, 19)}`, digest: DIGEST_B, total: 1_000_000, completed: 1_000_000 },
  { status: `pulling ${DIGEST_A.slice(7, 19)}`, digest: DIGEST_A, total: 500_000_000, completed: 300_000_000 },
  { status: `pulling ${DIGEST_A.slice(7, 19)}`, digest: DIGEST_A, total: 500_000_000, completed: 500_000_000 },
  { status: 'verifying sha256 digest' },
  { status: 'writing manifest' },
  { status: 'success' },
];

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

/**
 * Starts the fake. The model name picks the answer: `missing…` → an in-stream `{"error":"pull model manifest: file
 * does not exist"}`; `offline…` → an in-stream network error; `Bad Name` → 400 `invalid model name`; `hang…` → the
 * manifest and one layer line, then nothing until the client goes away; anything else → {@link PULL_LINES}.
 */
export async function startFakeOllamaPull(): Promise<FakeOllamaPull> {
  const requests: FakeOllamaPull['requests'] = [];
  let onClosed = (): void => undefined;
  let onHanging = (): void => undefined;
  const clientClosed = new Promise<void>((resolve) => (onClosed = resolve));
  const hanging = new Promise<void>((resolve) => (onHanging = resolve));
  const line = (response: ServerResponse, value: unknown): void => {
    response.write(`${JSON.stringify(value)}\n`);
  };
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== '/api/pull') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
        return;
      }
      const body = JSON.parse(await readBody(request)) as { model?: string; stream?: boolean };
      requests.push(body);
      const model = body.model ?? '';
      if (model === 'Bad Name') {
        response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'invalid model name' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      line(response, PULL_LINES[0]);
      if (model.startsWith('missing')) {
        line(response, { error: 'pull model manifest: file does not exist' });
        response.end();
        return;
      }
      if (model.startsWith('offline')) {
        line(response, { error: 'pull model manifest: Get "https://example.invalid/v2/library/x/manifests/latest": dial tcp: lookup example.invalid: no such host' });
        response.end();
        return;
      }
      if (model.startsWith('hang')) {
        line(response, PULL_LINES[1]);
        response.on('close', () => {
          if (!response.writableEnded) onClosed();
        });
        onHanging();
        return;
      }
      for (const value of PULL_LINES.slice(1)) line(response, value);
      response.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    clientClosed,
    hanging,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
