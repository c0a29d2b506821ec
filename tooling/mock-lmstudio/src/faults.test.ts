// Every fault-injection mode, per request (x-mock-fault header) and per server (setFaults).
import { describe, expect, it } from 'vitest';
import { call, rawCall, sseJson, ssePayloads, waitFor } from './mock-http.test-utils';
import { startMockLMStudio } from './start-mock-lmstudio';
import { mockPerTest } from './testing/mock-per-test';

const chat = { model: 'qwen2.5-7b-instruct', messages: [{ role: 'user', content: 'hello' }], stream: true };
const fault = (value: object | string) => ({ 'x-mock-fault': typeof value === 'string' ? value : JSON.stringify(value) });

/** Reads SSE frames from a fetch body until `count` frames arrived; returns the reader to continue. */
async function readFrames(response: Response, count: number): Promise<{ frames: string[]; reader: ReadableStreamDefaultReader<Uint8Array>; rest: string }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: string[] = [];
  while (frames.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      frames.push(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  return { frames, reader, rest: buffer };
}

const timeout = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms));

describe('mock LM Studio fault injection', () => {
  const start = mockPerTest();

  it('latencyMs delays the response (lower bound only)', async () => {
    const server = await start();
    const started = performance.now();
    const res = await call(server.url, 'GET', '/v1/models', undefined, fault({ latencyMs: 120 }));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('status answers 5xx with an error body', async () => {
    const server = await start();
    const res = await call(server.url, 'POST', '/v1/chat/completions', chat, fault('status=503'));
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ error: 'Injected fault: HTTP 503' });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('statusBody sends a raw proxy-style body (HTML or text)', async () => {
    const server = await start();
    const html = await call(server.url, 'GET', '/v1/models', undefined, fault({ status: 502, statusBody: '<html><body>Bad Gateway</body></html>' }));
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toBe('<html><body>Bad Gateway</body></html>');
    const text = await call(server.url, 'GET', '/v1/models', undefined, fault({ status: 500, statusBody: 'upstream exploded' }));
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.text).toBe('upstream exploded');
  });

  it('stallAfterChunks stops the stream and holds it open until the client leaves', async () => {
    const server = await start();
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST', body: JSON.stringify(chat), headers: { 'content-type': 'application/json', ...fault({ stallAfterChunks: 2 }) }, signal: controller.signal,
    });
    const { frames, reader } = await readFrames(response, 2);
    expect(frames).toHaveLength(2);
    expect(await Promise.race([reader.read().then(() => 'data' as const), timeout(150)])).toBe('timeout');
    expect(server.activeRequests()).toBe(1);
    controller.abort();
    await waitFor(() => server.activeRequests() === 0);
  });

  it('disconnectAfterChunks drops the connection without [DONE]', async () => {
    const server = await start();
    const raw = await rawCall(server.url, 'POST', '/v1/chat/completions', chat, fault({ disconnectAfterChunks: 2 }));
    expect(raw.status).toBe(200);
    expect(raw.broken).toBe(true);
    expect(ssePayloads(raw.body)).toHaveLength(2);
    expect(raw.body).not.toContain('[DONE]');
  });

  it('malformedAfterChunks writes one invalid data line, then the stream goes on to [DONE]', async () => {
    const server = await start();
    const res = await call(server.url, 'POST', '/v1/chat/completions', chat, fault({ malformedAfterChunks: 1 }));
    const payloads = ssePayloads(res.text);
    expect(payloads.at(-1)).toBe('[DONE]');
    const invalid = payloads.filter((payload) => {
      if (payload === '[DONE]') return false;
      try {
        JSON.parse(payload);
        return false;
      } catch {
        return true;
      }
    });
    expect(invalid).toHaveLength(1);
    expect(payloads.indexOf(invalid[0]!)).toBe(1);
  });

  it('errorAfterChunks sends data: {"error":...} inside the 200 stream and ends without [DONE]', async () => {
    const server = await start();
    const res = await call(server.url, 'POST', '/v1/chat/completions', chat, fault({ errorAfterChunks: 1 }));
    expect(res.status).toBe(200);
    const events = sseJson(res.text);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({ error: { message: 'Injected fault: error inside the stream', type: 'server_error', param: null, code: null } });
    expect(res.text).not.toContain('[DONE]');
  });

  it('fragmentBytes splits writes mid-line and mid-UTF-8 sequence; the stream still reassembles', async () => {
    const server = await start({ replies: [{ content: 'héllo wörld ✓ 日本語' }] });
    const raw = await rawCall(server.url, 'POST', '/v1/chat/completions', chat, fault({ fragmentBytes: 3 }));
    const frames = ssePayloads(raw.body);
    expect(raw.pieces.length).toBeGreaterThan(frames.length);
    const text = sseJson(raw.body)
      .map((chunk) => (chunk as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('héllo wörld ✓ 日本語');
    const splitsInsideUtf8 = raw.pieces.some((piece) => {
      const first = piece[0];
      return first !== undefined && (first & 0xc0) === 0x80; // a piece starting with a UTF-8 continuation byte
    });
    expect(splitsInsideUtf8).toBe(true);
  });

  it('slowHeadersMs delays the headers; -1 holds them until the client gives up', async () => {
    const server = await start();
    const started = performance.now();
    const res = await call(server.url, 'GET', '/v1/models', undefined, fault({ slowHeadersMs: 100 }));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    const never = fetch(`${server.url}/v1/models`, { headers: fault({ slowHeadersMs: -1 }), signal: AbortSignal.timeout(150) });
    await expect(never).rejects.toMatchObject({ name: 'TimeoutError' });
    await waitFor(() => server.activeRequests() === 0);
  });

  it('JSON responses: stall after headers, disconnect mid-body, truncated (malformed) body', async () => {
    const server = await start();
    const controller = new AbortController();
    const stalled = await fetch(`${server.url}/v1/models`, { headers: fault({ stallAfterChunks: 0 }), signal: controller.signal });
    expect(stalled.status).toBe(200);
    expect(await Promise.race([stalled.text(), timeout(150)])).toBe('timeout');
    controller.abort();
    const dropped = await fetch(`${server.url}/v1/models`, { headers: fault({ disconnectAfterChunks: 0 }) });
    await expect(dropped.text()).rejects.toThrow();
    const truncated = await call(server.url, 'GET', '/v1/models', undefined, fault({ malformedAfterChunks: 0 }));
    expect(truncated.status).toBe(200);
    expect(truncated.json).toBeUndefined();
    expect(truncated.text.length).toBeGreaterThan(0);
  });

  it('x-mock-fault accepts JSON and key=value lists; a bad value answers 400', async () => {
    const server = await start();
    expect((await call(server.url, 'GET', '/v1/models', undefined, fault('{"status":502}'))).status).toBe(502);
    expect((await call(server.url, 'GET', '/v1/models', undefined, fault('latencyMs=1; status=500'))).status).toBe(500);
    const bad = await call(server.url, 'GET', '/v1/models', undefined, fault('stallAfter=2'));
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: expect.stringContaining('unknown fault "stallAfter"') });
  });

  it('setFaults: server-wide, filtered by path prefix, limited by times, cleared with undefined', async () => {
    const server = await start();
    server.setFaults({ status: 503, paths: ['/v1/chat'], times: 1 });
    expect((await call(server.url, 'GET', '/v1/models')).status).toBe(200);
    expect((await call(server.url, 'POST', '/v1/chat/completions', { ...chat, stream: false })).status).toBe(503);
    expect((await call(server.url, 'POST', '/v1/chat/completions', { ...chat, stream: false })).status).toBe(200);
    server.setFaults({ status: 500 });
    expect((await call(server.url, 'GET', '/v1/models')).status).toBe(500);
    expect((await call(server.url, 'GET', '/v1/models')).status).toBe(500);
    server.setFaults(undefined);
    expect((await call(server.url, 'GET', '/v1/models')).status).toBe(200);
  });

  it('close() ends stalled streams and held headers', async () => {
    const server = await startMockLMStudio();
    const stalledStream = rawCall(server.url, 'POST', '/v1/chat/completions', chat, fault({ stallAfterChunks: 1 }));
    const heldHeaders = fetch(`${server.url}/v1/models`, { headers: fault({ slowHeadersMs: -1 }) }).then(
      () => 'answered',
      () => 'failed',
    );
    await waitFor(() => server.activeRequests() === 2);
    await server.close();
    expect((await stalledStream).broken).toBe(true);
    expect(await heldHeaders).toBe('failed');
    expect(server.activeRequests()).toBe(0);
  });
});
