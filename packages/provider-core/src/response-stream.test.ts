import { SamusEvents, type SamusEventMap } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { failure, generatorFor, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseEvent, sseHead, textChunk } from './testing/loopback-server.js';

describe('ResponseStream: caller abort with chunks already queued', () => {
  it('hands out nothing after the abort: the next next() rejects with SAMUS_ERR_ABORTED and the connection closes', async () => {
    // Many chunks in one write: after the first read thousands of responses are decoded or waiting to be.
    const server = await serve((_request, response) => {
      sseHead(response);
      response.write(Array.from({ length: 2_000 }, (_, index) => textChunk(`t${index} `)).join(''));
      // No end: the connection stays open until the client closes it.
    });
    const events = new SamusEvents();
    const errors: SamusEventMap['request:error'][] = [];
    events.on('request:error', (event) => errors.push(event));
    const closed = server.waitForSocketClose();
    const controller = new AbortController();
    const stream = await generatorFor(server, {}, { events }).generateContentStream({ model: 'm', contents: 'x', config: { abortSignal: controller.signal } });
    const first = await stream.next();
    expect(first.done).toBe(false);
    expect(first.value?.text).toBe('t0 ');
    controller.abort();
    const error = await failure(stream.next());
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    expect((error.cause as Error | undefined)?.name).toBe('AbortError');
    expect(error.details['partialText']).toMatch(/^t0 /);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(errors.map((event) => event.error.code)).toEqual(['SAMUS_ERR_ABORTED']);
    await closed;
    expect(server.closedSockets()).toBeGreaterThanOrEqual(1);
  });

  it('yields nothing to a for-await loop after the abort, whatever is queued', async () => {
    const server = await serve((_request, response) => {
      sseHead(response);
      response.end(Array.from({ length: 2_000 }, () => textChunk('z')).join('') + finishEvents());
    });
    const controller = new AbortController();
    let seen = 0;
    let afterAbort = 0;
    const error = await failure(
      (async () => {
        for await (const _chunk of await generatorFor(server).generateContentStream({ model: 'm', contents: 'x', config: { abortSignal: controller.signal } })) {
          seen += 1;
          if (controller.signal.aborted) afterAbort += 1;
          if (seen === 3) controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    expect(seen).toBe(3);
    expect(afterAbort).toBe(0);
  });
});

describe('ResponseStream: a decoder error after decoded output', () => {
  it('hands out every response decoded before malformed data, then SAMUS_ERR_INVALID_RESPONSE', async () => {
    const server = await serve((_request, response) => {
      sseHead(response);
      response.end(textChunk('a') + textChunk('b') + textChunk('c') + 'data: {not json}\n\n' + textChunk('never'));
    });
    const texts: string[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of await generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })) texts.push(chunk.text ?? '');
      })(),
    );
    expect(texts).toEqual(['a', 'b', 'c']);
    expect(error.code).toBe('SAMUS_ERR_INVALID_RESPONSE');
  });

  it('hands out the output before an error event sent in the same read, then SAMUS_ERR_STREAM_INTERRUPTED', async () => {
    const server = await serve((_request, response) => {
      sseHead(response);
      response.end(textChunk('Hel') + textChunk('lo') + sseEvent({ error: { message: 'the model crashed', type: 'server_error' } }));
    });
    const texts: string[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of await generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })) texts.push(chunk.text ?? '');
      })(),
    );
    expect(texts).toEqual(['Hel', 'lo']);
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details['partialText']).toBe('Hello');
  });
});
