import { describe, expect, it } from 'vitest';
import { collect, failure, generatorFor, serve } from './testing/generator-fixtures.js';
import { finishEvents, sseEvent, sseHead, textChunk, writeSlowly } from './testing/loopback-server.js';

const encoder = new TextEncoder();

describe('generateContentStream: SSE written byte-exact', () => {
  it('streams Gemini-shaped chunks; finish reason and usage land on the last one', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('Hel'), textChunk('lo'), finishEvents()]);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'Hi' }));
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Hello');
    const last = chunks.at(-1)!;
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata).toEqual({ promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 });
    expect(chunks[0]!.candidates?.[0]?.content?.role).toBe('model');
    expect(server.requests[0]!.json).toMatchObject({ model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Hi' }] });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('decodes UTF-8 sequences split across socket writes', async () => {
    const event = encoder.encode(textChunk('naïve 🚀 ünï') + finishEvents());
    const rocket = event.indexOf(0xf0);
    const i = event.indexOf(0xc3);
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [event.subarray(0, i + 1), event.subarray(i + 1, rocket + 1), event.subarray(rocket + 1, rocket + 3), event.subarray(rocket + 3)]);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('naïve 🚀 ünï');
  });

  it('accepts CRLF framing, comment / keep-alive lines and events split mid-line', async () => {
    const body = `: keep-alive\r\n\r\n${textChunk('a').replace(/\n/g, '\r\n')}:ping\r\n\r\n${textChunk('b').replace(/\n/g, '\r\n')}${finishEvents().replace(/\n/g, '\r\n')}`;
    const server = await serve(async (_request, response) => {
      sseHead(response);
      const pieces: string[] = [];
      for (let offset = 0; offset < body.length; offset += 7) pieces.push(body.slice(offset, offset + 7));
      await writeSlowly(response, pieces, 1);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('ab');
  });

  it('accepts a stream that ends after the finish reason without [DONE]', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('done'), finishEvents('stop').replace('data: [DONE]\n\n', '')]);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.at(-1)!.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)!.usageMetadata?.totalTokenCount).toBe(8);
  });

  it('reports SAMUS_ERR_STREAM_INTERRUPTED with the partial text when the stream ends without finish or [DONE]', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      // What Ollama sends when the model fails mid-stream: an empty delta, then the connection ends.
      await writeSlowly(response, [textChunk('partial '), textChunk('answer'), textChunk('')]);
      response.end();
    });
    const texts: string[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of await generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })) texts.push(chunk.text ?? '');
      })(),
    );
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details['partialText']).toBe('partial answer');
    expect(texts.join('')).toBe('partial answer');
  });

  it('reports SAMUS_ERR_STREAM_INTERRUPTED when the connection drops after the first token', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('half')]);
      response.socket?.destroy();
    });
    const error = await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details['partialText']).toBe('half');
    expect(error.cause).toBeDefined();
  });

  it('reports malformed JSON in the stream as SAMUS_ERR_INVALID_RESPONSE', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('ok'), 'data: {"choices":[{"delta":\n\n']);
      response.end();
    });
    const error = await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_INVALID_RESPONSE');
    expect(error.details['event']).toBe('{"choices":[{"delta":');
  });

  it('maps an error object sent inside a 200 stream (before output) by its message', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [sseEvent({ error: { message: 'Trying to keep the first 15857 tokens when context the overflows', type: 'invalid_request_error' } })]);
      response.end();
    });
    const error = await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });

  it('turns an in-stream server error after output into SAMUS_ERR_STREAM_INTERRUPTED', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('so far'), sseEvent({ error: 'llama runner crashed' })]);
      response.end();
    });
    const error = await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })));
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details['partialText']).toBe('so far');
  });

  it('streams reasoning (reasoning_content, reasoning, <think> split across chunks) as thought parts', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      const delta = (value: Record<string, string>) => sseEvent({ choices: [{ index: 0, delta: value, finish_reason: null }] });
      await writeSlowly(response, [
        delta({ reasoning_content: 'r1 ' }),
        delta({ reasoning: 'r2 ' }),
        delta({ content: '<th' }),
        delta({ content: 'ink>r3</thi' }),
        delta({ content: 'nk>answer' }),
        finishEvents(),
      ]);
      response.end();
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    expect(parts.filter((part) => part.thought).map((part) => part.text).join('')).toBe('r1 r2 r3');
    expect(parts.filter((part) => !part.thought).map((part) => part.text).join('')).toBe('answer');
  });

  it('takes the rest of a chunk before a stray </think> as reasoning while streaming', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('thinking</think>'), textChunk('answer'), finishEvents()]);
      response.end();
    });
    const parts = (await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }))).flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    expect(parts).toEqual([{ text: 'thinking', thought: true }, { text: 'answer' }]);
  });

  it('handles a server that ignores stream:true and answers with one JSON completion', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }] }));
    });
    const chunks = await collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' }));
    expect(chunks.map((chunk) => chunk.text)).toEqual(['whole']);
  });

  it('classifies non-stream answers to a stream request by their first byte', async () => {
    const answers: Array<[string, string]> = [
      ['application/json', '{"error":"Unexpected endpoint or method. (POST /chat/completions)"}'],
      ['text/plain', 'Ollama is running'],
      ['text/event-stream', '{"object":"list","data":[]}'],
      ['text/event-stream', '  <html><body>proxy login</body></html>'],
    ];
    const server = await serve((_request, response) => {
      const [type, body] = answers.shift()!;
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await failure(collect(generatorFor(server).generateContentStream({ model: 'm', contents: 'x' })))).code);
    expect(codes).toEqual(['SAMUS_ERR_WRONG_BASE_URL', 'SAMUS_ERR_INVALID_RESPONSE', 'SAMUS_ERR_WRONG_BASE_URL', 'SAMUS_ERR_WRONG_BASE_URL']);
  });

  it('omits stream_options when the streamUsage capability is off', async () => {
    const server = await serve(async (_request, response) => {
      sseHead(response);
      await writeSlowly(response, [textChunk('x'), finishEvents('stop', undefined)]);
      response.end();
    });
    await collect(generatorFor(server, {}, { capabilities: { streamUsage: false } }).generateContentStream({ model: 'm', contents: 'x' }));
    expect(server.requests[0]!.json).not.toHaveProperty('stream_options');
  });
});
