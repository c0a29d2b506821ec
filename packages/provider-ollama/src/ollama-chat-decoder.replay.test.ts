import type { StreamDecoderSink } from '@samus/provider-core/internal';
import { declaredToolsOf } from '@samus/provider-core/internal/conversion';
import type { GenerateContentResponse } from '@samus/kernel';
import { expectationOf, loadFixtures, summarise, transportVariants } from '@samus/test-server';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OllamaChatDecoder } from './ollama-chat-decoder.js';

// Replays every native /api/chat fixture — recorded from the real Ollama container
// (tooling/test-ollama/bin/record-fixtures.mjs) and hand-written, each citing what it models — through the NDJSON
// decoder, whole, in random byte splits (UTF-8 sequences cut), with CRLF and with blank lines.

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = loadFixtures([join(here, '__fixtures__', 'handwritten'), join(here, '__fixtures__', 'recorded')]).filter(
  ({ description }) => description.path === 'native' && description.status === 200 && description.stream,
);
const VARIANTS = transportVariants('ndjson');

describe('Ollama native fixture replay', () => {
  it('has recorded and hand-written fixtures', () => {
    expect(fixtures.filter((fixture) => fixture.name.startsWith('handwritten/')).length).toBeGreaterThanOrEqual(3);
    expect(fixtures.filter((fixture) => fixture.name.startsWith('recorded/')).length).toBeGreaterThanOrEqual(3);
  });

  for (const fixture of fixtures) {
    for (const variant of VARIANTS) {
      it(`${fixture.name}, ${variant.name}`, () => {
        const responses: GenerateContentResponse[] = [];
        const sink: StreamDecoderSink = { response: (response) => responses.push(response), output: () => undefined };
        const tools = fixture.description.tools ?? [];
        const declaredTools = declaredToolsOf(tools.map((name) => ({ type: 'function', function: { name, parameters: { type: 'object', properties: {} } } })));
        const decoder = new OllamaChatDecoder(sink, { model: 'm', baseUrl: 'http://127.0.0.1:1', estimatedTokens: 0, window: undefined, declaredTools });
        for (const piece of variant.pieces(fixture.body)) decoder.push(piece);
        decoder.end();
        expect(decoder.complete).toBe(true);
        const { text, thought, calls, finishReason } = summarise(responses);
        const expected = expectationOf(fixture.description);
        expect({ text, thought, calls, finishReason }).toEqual({ text: expected.text, thought: expected.thought, calls: expected.calls, finishReason: expected.finishReason });
        if (expected.usage) expect(responses.at(-1)?.usageMetadata).toEqual(expected.usage);
      });
    }
  }
});
