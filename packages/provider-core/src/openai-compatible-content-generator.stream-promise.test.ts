import { SamusEvents, type SamusEventMap } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { collect, failure, generatorFor, json, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseEvent, sseHead, startServer, textChunk, writeSlowly } from './testing/loopback-server.js';

/** A port nothing listens on (a server started and closed again). */
async function closedPort(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.origin;
}

// `generateContentStream()` returns `Promise<AsyncGenerator>`, as in @google/genai and gemini-cli-core's
// ContentGenerator: the promise settles with the request (status and headers), the iterator with the body. A host
// that retries around `await generateContentStream()` (gemini-cli-core's retryWithBackoff) sees request errors there.
describe('generateContentStream: the promise settles with the request, the iterator with the body', () => {
  it('resolves once the server accepted the request, before it sent any chunk', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await serve(async (_request, response) => {
      sseHead(response);
      response.flushHeaders();
      await gate;
      await writeSlowly(response, [textChunk('Hel'), textChunk('lo'), finishEvents()]);
      response.end();
    });
    const stream = await generatorFor(server).generateContentStream({ model: 'm', contents: 'Hi' });
    release();
    expect((await collect(stream)).map((chunk) => chunk.text ?? '').join('')).toBe('Hello');
  });

  it('rejects with an HTTP error status after its own retries, one request:error event, nothing to iterate', async () => {
    let calls = 0;
    const server = await serve((_request, response) => {
      calls += 1;
      json(response, 503, { error: 'loading' });
    });
    const events = new SamusEvents();
    const errors: SamusEventMap['request:error'][] = [];
    events.on('request:error', (event) => errors.push(event));
    const error = await failure(generatorFor(server, { maxRetries: 1 }, { events }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(calls).toBe(2);
    expect(errors.map((event) => event.error.code)).toEqual(['SAMUS_ERR_SERVER_ERROR']);
  });

  it('rejects with SAMUS_ERR_SERVER_NOT_RUNNING when the connection is refused, and with SAMUS_ERR_INVALID_REQUEST for a request it cannot build', async () => {
    const refused = await failure(generatorFor({ origin: await closedPort() }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(refused.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    const server = await serve((_request, response) => json(response, 500, {}));
    const broken = { tool: () => Promise.reject(new Error('no declaration')), callTool: () => Promise.resolve([]) };
    const invalid = await failure(generatorFor(server).generateContentStream({ model: 'm', contents: 'x', config: { tools: [broken] } }));
    expect(invalid.code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects with SAMUS_ERR_ABORTED when the signal aborted before the call, sending nothing', async () => {
    const server = await serve((_request, response) => json(response, 500, {}));
    const controller = new AbortController();
    controller.abort();
    const error = await failure(generatorFor(server).generateContentStream({ model: 'm', contents: 'x', config: { abortSignal: controller.signal } }));
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    expect(server.requests).toHaveLength(0);
  });

  it('resolves and leaves errors in the body (an error event before output) to the iterator', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [sseEvent({ error: { message: 'Trying to keep the first 15857 tokens when context the overflows', type: 'invalid_request_error' } })]);
      response.end();
    });
    const stream = await generatorFor(server).generateContentStream({ model: 'm', contents: 'x' });
    expect((await failure(collect(stream))).code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });

  it('closes the connection when the caller returns the resolved stream without reading it', async () => {
    const server = await serve((_request, response) => {
      sseHead(response);
      response.write(textChunk('never read'));
      // No end: only the client can close this connection.
    });
    const closed = server.waitForSocketClose();
    const stream = await generatorFor(server).generateContentStream({ model: 'm', contents: 'x' });
    await stream.return(undefined);
    await closed;
    expect(server.closedSockets()).toBeGreaterThanOrEqual(1);
  });
});
