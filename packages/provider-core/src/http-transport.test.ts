import { failure, startRawServer, startTestServer, type TestServer } from '@samus/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from './http-transport.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

const TIMEOUTS = { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000, totalMs: 10_000 };

describe('HttpTransport: redirects', () => {
  it('follows a same-origin redirect for GET, at most 3 times', async () => {
    const server = await serve((request) => (request.path === '/v1/models' ? { status: 302, headers: { location: '/v1/models-moved' }, body: '' } : { body: { data: [] } }));
    const transport = new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS });
    expect(await transport.json({ method: 'GET', path: '/v1/models' })).toEqual({ data: [] });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/models', '/v1/models-moved']);
    const loop = await serve((request) => ({ status: 302, headers: { location: request.path }, body: '' }));
    const error = await failure(new HttpTransport({ baseUrl: loop.url, timeouts: TIMEOUTS }).json({ method: 'GET', path: '/x' }));
    expect(error.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(loop.requests).toHaveLength(4);
  });

  it('never follows a redirect for POST, and never one to another origin: the prompt, key and headers stay home', async () => {
    const other = await serve(() => ({ body: { choices: [] } }));
    for (const status of [301, 302, 303, 307, 308]) {
      const server = await serve((request) => ({ status, headers: { location: `${other.url}${request.path}` }, body: '' }));
      const transport = new HttpTransport({ baseUrl: server.url, apiKey: 'sk-home-only-1234', headers: { 'x-team': 'secret-team' }, timeouts: TIMEOUTS });
      const post = await failure(transport.json({ method: 'POST', path: '/v1/chat/completions', body: { prompt: 'private' } }));
      const get = await failure(transport.json({ method: 'GET', path: '/v1/models' }));
      for (const error of [post, get]) {
        expect(error.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
        expect(error.status).toBe(status);
        expect(error.message).toContain(other.url);
      }
    }
    expect(other.requests).toHaveLength(0);
  });
});

describe('HttpTransport: retries', () => {
  it('does not send a request again after a reset once it was written (the server may be running it)', async () => {
    let received = 0;
    const server = await startRawServer((socket) =>
      socket.once('data', () => {
        received += 1;
        socket.resetAndDestroy();
      }),
    );
    servers.push(server);
    const error = await failure(new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS, retry: { maxRetries: 3, initialDelayMs: 1 } }).open({ method: 'POST', path: '/v1/chat/completions', body: { x: 1 } }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.details['requestWritten']).toBe(true);
    expect(received).toBe(1);
  });

  it('sends a request once more on a fresh connection when a kept-alive one turns out closed (stale), and only once', async () => {
    let connection = 0;
    const seen: Array<[number, number]> = [];
    const server = await startRawServer((socket) => {
      connection += 1;
      const id = connection;
      let requests = 0;
      socket.on('data', () => {
        requests += 1;
        seen.push([id, requests]);
        // The first connection answers one request and then dies under the next one, as an idle-closed socket does.
        if (id === 1 && requests === 2) socket.resetAndDestroy();
        else socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"ok":true}');
      });
    });
    servers.push(server);
    const transport = new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS, retry: { maxRetries: 0 } });
    expect(await transport.json({ method: 'POST', path: '/x', body: { n: 1 } })).toEqual({ ok: true });
    // Let the first connection go back to the pool, so the next request takes it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await transport.json({ method: 'POST', path: '/x', body: { n: 2 } })).toEqual({ ok: true });
    expect(seen).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
  });

  it('retries 503 and 429 (a status that says so) up to maxRetries', async () => {
    const server = await serve(() => ({ status: 503, body: { error: 'busy' } }));
    const error = await failure(new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS, retry: { maxRetries: 2, initialDelayMs: 1 } }).open({ method: 'POST', path: '/x', body: {} }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(server.requests).toHaveLength(3);
  });

  it('a body that cannot be serialised is an invalid request, never sent, never retried', async () => {
    const server = await serve();
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const error = await failure(new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS, retry: { maxRetries: 3 } }).open({ method: 'POST', path: '/x', body: circular }));
    expect(error.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(error.message).toMatch(/serialise/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('HttpTransport: limits and secrets', () => {
  it('refuses a body over maxResponseBytes without buffering it', async () => {
    const server = await serve(() => ({ body: { text: 'x'.repeat(4096) } }));
    const error = await failure(new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS, limits: { maxResponseBytes: 1024 } }).json({ method: 'GET', path: '/x' }));
    expect(error.code).toBe('SAMUS_ERR_LIMIT_EXCEEDED');
    expect(error.details).toMatchObject({ limit: 'maxResponseBytes', limitBytes: 1024 });
  });

  it('removes the key, header values and Basic credentials a server echoes, from message, details and stack', async () => {
    const server = await serve((request) => ({ status: 400, body: { error: { message: `bad: ${String(request.headers['authorization'])} ${String(request.headers['x-api-key'])}` } } }));
    const transport = new HttpTransport({ baseUrl: server.url, apiKey: 'sk-live-abcdef123456', headers: { 'x-api-key': 'header-secret-987' }, timeouts: TIMEOUTS });
    const error = await failure(transport.json({ method: 'POST', path: '/x', body: {} }));
    const shown = `${error.message} ${error.hint} ${error.stack} ${JSON.stringify(error.details)} ${JSON.stringify(error.toJSON())}`;
    expect(shown).not.toContain('sk-live-abcdef123456');
    expect(shown).not.toContain('header-secret-987');
    expect(error.message).toContain('***');
    const basic = await serve((request) => ({ status: 500, body: `auth was ${String(request.headers['authorization'])}` }));
    const encoded = Buffer.from('user:basic-pass-42').toString('base64');
    const basicError = await failure(new HttpTransport({ baseUrl: basic.url, headers: { authorization: `Basic ${encoded}` }, timeouts: TIMEOUTS }).json({ method: 'GET', path: '/x' }));
    expect(`${basicError.message} ${JSON.stringify(basicError.details)}`).not.toContain(encoded);
  });

  it("the caller's own AbortSignal.timeout is a timeout, not a cancellation", async () => {
    const server = await serve(() => undefined);
    const error = await failure(new HttpTransport({ baseUrl: server.url, timeouts: TIMEOUTS }).open({ method: 'GET', path: '/x', signal: AbortSignal.timeout(100) }));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details['callerTimeout']).toBe(true);
  });
});
