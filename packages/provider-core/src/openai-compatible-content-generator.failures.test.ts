import { spawn, type ChildProcess } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { SamusEvents, type SamusEventMap } from '@samus/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodes } from './error-chain.js';
import { collect, completion, failure, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseHead, startServer, textChunk, writeSlowly } from './testing/loopback-server.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function ipv6Available(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

/** A listening socket whose accept queue is full, so new connections hang in SYN (a black-holed host, on loopback). */
async function blackHole(): Promise<number | undefined> {
  const script = [
    'import socket, sys, time',
    's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
    'fillers = []',
    'for _ in range(4):',
    '    c = socket.socket(); c.setblocking(False)',
    '    try: c.connect(s.getsockname())',
    '    except BlockingIOError: pass',
    '    fillers.append(c)',
    'print(s.getsockname()[1], flush=True)',
    'time.sleep(30)',
  ].join('\n');
  const child = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  return new Promise((resolve) => {
    child.once('error', () => resolve(undefined));
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    setTimeout(() => resolve(undefined), 5_000).unref();
  });
}

describe('connection and base URL', () => {
  it('maps connection refused to SAMUS_ERR_SERVER_NOT_RUNNING naming the address', async () => {
    const server = await startServer(() => undefined);
    const origin = server.origin;
    await server.close();
    const error = await failure(generatorFor({ origin }).generateContent({ model: 'm', contents: 'x' }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error.message).toContain(origin);
    expect(errorCodes(error.cause)).toContain('ECONNREFUSED');
  });

  it('names localhost when neither loopback address answers', async () => {
    const server = await startServer(() => undefined);
    const port = server.port;
    await server.close();
    const error = await failure(generatorFor({ origin: `http://localhost:${port}` }).generateContent({ model: 'm', contents: 'x' }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error.message).toContain(`http://localhost:${port}`);
  });

  it('works with a custom fetch (connect and first-byte folded into one phase)', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'custom' })));
    let calls = 0;
    const customFetch: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const response = await generatorFor(server, { timeouts: { connectMs: 1 } }, { fetch: customFetch }).generateContent({ model: 'm', contents: 'x' });
    expect(response.text).toBe('custom');
    expect(calls).toBe(1);
    expect(server.requests[0]!.headers['x-samus-request-id']).toBeUndefined();
  });

  it('reaches a server on 127.0.0.1 through "localhost"', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'v4' })));
    const response = await generatorFor({ origin: `http://localhost:${server.port}` }).generateContent({ model: 'm', contents: 'x' });
    expect(response.text).toBe('v4');
  });

  it('reaches a server on ::1 through "localhost"', async (context) => {
    if (!(await ipv6Available())) context.skip('IPv6 loopback (::1) is not available on this machine');
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'v6' })), '::1');
    const response = await generatorFor({ origin: `http://localhost:${server.port}` }).generateContent({ model: 'm', contents: 'x' });
    expect(response.text).toBe('v6');
    const literal = await generatorFor({ origin: server.origin }).generateContent({ model: 'm', contents: 'x' });
    expect(literal.text).toBe('v6');
  });

  it('maps an HTML page to SAMUS_ERR_WRONG_BASE_URL', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html><body>Router login</body></html>');
    });
    expect((await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }))).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect((await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })))).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it('maps a 200 {"error": "Unexpected endpoint"} body and a plain-text 404 to SAMUS_ERR_WRONG_BASE_URL', async () => {
    const bodies = [
      (response: ServerResponse) => json(response, 200, { error: 'Unexpected endpoint or method. (POST /chat/completions)' }),
      (response: ServerResponse) => {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('404 page not found');
      },
    ];
    const server = await serve((_request, response) => bodies.shift()!(response));
    const first = await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }));
    const second = await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }));
    expect([first.code, second.code]).toEqual(['SAMUS_ERR_WRONG_BASE_URL', 'SAMUS_ERR_WRONG_BASE_URL']);
    expect(second.status).toBe(404);
  });

  it('maps a 200 answer that is not JSON to SAMUS_ERR_INVALID_RESPONSE and JSON without choices to WRONG_BASE_URL', async () => {
    const bodies = ['Ollama is running', '{"object":"list","data":[]}'];
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(bodies.shift());
    });
    expect((await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }))).code).toBe('SAMUS_ERR_INVALID_RESPONSE');
    expect((await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x' }))).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });
});

describe('HTTP errors', () => {
  const cases: Array<[number, unknown, string]> = [
    [404, { error: { message: 'model "llama9" not found, try pulling it first', type: 'api_error' } }, 'SAMUS_ERR_MODEL_NOT_FOUND'],
    [400, { error: { message: 'Invalid model identifier "o4-mini".', type: 'invalid_request_error', code: 'model_not_found' } }, 'SAMUS_ERR_MODEL_NOT_FOUND'],
    [400, { error: 'No models loaded. Please load a model in the developer page.' }, 'SAMUS_ERR_MODEL_NOT_LOADED'],
    [400, { error: { message: '"gemma3:latest" does not support tools' } }, 'SAMUS_ERR_CAPABILITY_MISSING'],
    [400, { error: "'response_format.type' must be 'json_schema' or 'text'" }, 'SAMUS_ERR_INVALID_REQUEST'],
    [401, { error: { message: 'Invalid API key', code: 'invalid_api_key' } }, 'SAMUS_ERR_UNAUTHORIZED'],
    [403, { error: 'forbidden' }, 'SAMUS_ERR_UNAUTHORIZED'],
    [409, { error: 'busy' }, 'SAMUS_ERR_SERVER_ERROR'],
    [422, { detail: 'bad field' }, 'SAMUS_ERR_INVALID_REQUEST'],
    [429, { error: 'slow down' }, 'SAMUS_ERR_RATE_LIMITED'],
    [500, { error: 'model requires more system memory (8.0 GiB) than is available (2.1 GiB)' }, 'SAMUS_ERR_INSUFFICIENT_MEMORY'],
    [503, { error: 'server busy' }, 'SAMUS_ERR_SERVER_ERROR'],
    [405, 'method not allowed', 'SAMUS_ERR_WRONG_BASE_URL'],
  ];
  it.each(cases)('HTTP %i %j → %s', async (status, body, code) => {
    const server = await serve((_request, response) => {
      if (typeof body === 'string') {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(body);
      } else json(response, status, body);
    });
    const error = await failure(generatorFor(server).generateContent({ model: 'llama9', contents: 'x' }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.details['status']).toBe(status);
    expect(String(error.details['serverMessage'])).toContain(typeof body === 'string' ? body : JSON.stringify(body).match(/"(?:message|error|detail)":"([^"\\]{4})/)?.[1] ?? '');
  });
});

describe('retries (before the first token only)', () => {
  it('waits for Retry-After on 429, then succeeds', async () => {
    let calls = 0;
    const server = await serve((_request, response) => {
      calls += 1;
      if (calls === 1) json(response, 429, { error: 'rate limited' }, { 'retry-after': '1' });
      else json(response, 200, completion({ content: 'ok' }));
    });
    const events = new SamusEvents();
    const retries: Array<SamusEventMap['request:retry']> = [];
    events.on('request:retry', (event) => retries.push(event));
    const started = performance.now();
    const response = await generatorFor(server, { maxRetries: 2 }, { events }).generateContent({ model: 'm', contents: 'x' });
    expect(response.text).toBe('ok');
    expect(calls).toBe(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 2, delayMs: 1000 });
    expect(retries[0]!.error.code).toBe('SAMUS_ERR_RATE_LIMITED');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 with backoff, then streams', async () => {
    let calls = 0;
    const server = await serve(async (_request, response) => {
      calls += 1;
      if (calls === 1) {
        json(response, 500, { error: 'llama runner process has terminated' });
        return;
      }
      sseHead(response);
      await writeSlowly(response, [textChunk('fine'), finishEvents()]);
      response.end();
    });
    const chunks = await collect(generatorFor(server, { maxRetries: 1 }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('fine');
    expect(calls).toBe(2);
  });

  it('gives up after maxRetries and does not retry non-retryable errors', async () => {
    let calls = 0;
    const server = await serve((_request, response) => {
      calls += 1;
      json(response, calls <= 3 ? 503 : 400, { error: 'nope' });
    });
    expect((await failure(generatorFor(server, { maxRetries: 2 }).generateContent({ model: 'm', contents: 'x' }))).code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(calls).toBe(3);
    expect((await failure(generatorFor(server, { maxRetries: 2 }).generateContent({ model: 'm', contents: 'x' }))).code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(calls).toBe(4);
  });

  it('never retries once output reached the caller', async () => {
    let calls = 0;
    const server = await serve(async (_request, response) => {
      calls += 1;
      sseHead(response);
      await writeSlowly(response, [textChunk('one')]);
      response.socket?.destroy();
    });
    const error = await failure(collect(generatorFor(server, { maxRetries: 3 }).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(calls).toBe(1);
  });
});

describe('per-phase timeouts', () => {
  it('connect: a host that never completes the TCP handshake', async (context) => {
    const port = await blackHole();
    if (port === undefined) context.skip('python3 is needed to hold a listening socket with a full accept queue');
    const error = await failure(generatorFor({ origin: `http://127.0.0.1:${port}` }, { timeouts: { connectMs: 300 } }).generateContent({ model: 'm', contents: 'x' }));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details['phase']).toBe('connect');
    expect(error.retryable).toBe(true);
  });

  it('first-byte: headers that never come (a model load longer than firstByteMs)', async () => {
    const server = await serve(() => undefined);
    const closed = server.waitForSocketClose();
    const error = await failure(
      collect(generatorFor(server, { timeouts: { connectMs: 2_000, firstByteMs: 300 } }).generateContentStream({ model: 'm', contents: 'x' })),
    );
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details['phase']).toBe('first-byte');
    await closed;
  });

  it('first-byte is not cut short by the connect timeout on a reused connection', async () => {
    const server = await serve(async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      json(response, 200, completion({ content: 'slow but fine' }));
    });
    const generator = generatorFor(server, { timeouts: { connectMs: 150, firstByteMs: 5_000 } });
    expect((await generator.generateContent({ model: 'm', contents: 'x' })).text).toBe('slow but fine');
    expect((await generator.generateContent({ model: 'm', contents: 'x' })).text).toBe('slow but fine');
  });

  it('idle: a stream that stalls after the first token', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('start')]);
    });
    const error = await failure(collect(generatorFor(server, { timeouts: { idleMs: 250 } }).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details['phase']).toBe('idle');
    expect(error.details['partialText']).toBe('start');
  });

  it('idle: steady chunks keep the stream alive past idleMs', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('a'), textChunk('b'), textChunk('c'), textChunk('d'), finishEvents()], 100);
      response.end();
    });
    const chunks = await collect(generatorFor(server, { timeouts: { idleMs: 250 } }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('abcd');
  });

  it('total: a stream that keeps trickling past totalMs', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, Array.from({ length: 40 }, () => textChunk('.')), 25);
      response.end();
    });
    const error = await failure(collect(generatorFor(server, { timeouts: { totalMs: 300 } }).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details['phase']).toBe('total');
  });
});

describe('caller abort', () => {
  it('aborting mid-stream rejects with SAMUS_ERR_ABORTED and closes the connection', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, Array.from({ length: 100 }, () => textChunk('x')), 20);
      response.end();
    });
    const controller = new AbortController();
    const closed = server.waitForSocketClose();
    const error = await failure(
      (async () => {
        for await (const _chunk of await generatorFor(server).generateContentStream({ model: 'm', contents: 'x', config: { abortSignal: controller.signal } })) {
          controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    expect((error.cause as Error | undefined)?.name).toBe('AbortError');
    await closed;
    expect(server.closedSockets()).toBeGreaterThanOrEqual(1);
  });

  it('aborting while waiting for the first byte closes the connection', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const closed = server.waitForSocketClose();
    const pending = generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { abortSignal: controller.signal } });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(pending)).code).toBe('SAMUS_ERR_ABORTED');
    await closed;
  });

  it('an already-aborted signal fails without a request', async () => {
    const server = await serve((_request, response) => json(response, 200, completion({ content: 'no' })));
    const error = await failure(generatorFor(server).generateContent({ model: 'm', contents: 'x', config: { abortSignal: AbortSignal.abort() } }));
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    expect(server.requests).toHaveLength(0);
  });

  it('breaking out of for-await cancels the body and closes the connection', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, Array.from({ length: 100 }, () => textChunk('y')), 20);
      response.end();
    });
    const closed = server.waitForSocketClose();
    for await (const chunk of await generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })) {
      expect(chunk.text).toBe('y');
      break;
    }
    await closed;
  });
});
