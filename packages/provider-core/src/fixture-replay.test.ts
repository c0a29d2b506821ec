import type { GenerateContentParameters } from '@samus/kernel';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
import { collect, generatorFor } from './testing/generator-fixtures.js';
import { expectationOf, loadFixtures, summarise, transportVariants, type Fixture, type TransportVariant } from '@samus/test-server';
import { startServer, type LoopbackServer } from './testing/loopback-server.js';

// Replays every OpenAI-compatible fixture (recorded from the real Ollama container by
// tooling/test-ollama/bin/record-fixtures.mjs, and hand-written for shapes our servers cannot produce, each citing
// what it models) through the public generator, under every transport variant and server profile.

const here = dirname(fileURLToPath(import.meta.url));
const all = loadFixtures([join(here, '__fixtures__', 'handwritten'), join(here, '__fixtures__', 'recorded')]);
const fixtures = all.filter((fixture) => fixture.description.path === 'v1' && fixture.description.status === 200);
const embeddings = all.filter((fixture) => fixture.description.path === 'v1-embeddings' && fixture.description.status === 200);

/** The capability sets of the OpenAI-compatible paths: the generic provider, LM Studio's and Ollama's /v1. */
const PROFILES: Array<{ name: string; capabilities: Partial<OpenAICompatibleCapabilities> }> = [
  { name: 'openai-compatible', capabilities: {} },
  { name: 'lm-studio', capabilities: { jsonObjectResponseFormat: false, streamUsage: true } },
  { name: 'ollama /v1', capabilities: { streamUsage: true, jsonObjectResponseFormat: true, embeddingsEncodingFormat: true } },
];

let server: LoopbackServer;
let current: { pieces: Buffer[]; contentType: string } = { pieces: [], contentType: 'text/event-stream' };

beforeAll(async () => {
  server = await startServer(async (_request, response) => {
    response.writeHead(200, { 'content-type': current.contentType });
    for (const piece of current.pieces) {
      response.write(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    response.end();
  });
});
afterAll(async () => {
  await server.close();
});

function requestFor(fixture: Fixture): GenerateContentParameters {
  const tools = fixture.description.tools ?? [];
  return {
    model: 'm',
    contents: 'replay',
    config: tools.length === 0 ? {} : { tools: [{ functionDeclarations: tools.map((name) => ({ name, parametersJsonSchema: { type: 'object', properties: {} } })) }] },
  };
}

function check(fixture: Fixture, summary: ReturnType<typeof summarise>): void {
  const expected = expectationOf(fixture.description);
  expect({ text: summary.text, thought: summary.thought, calls: summary.calls, finishReason: summary.finishReason }).toEqual({
    text: expected.text,
    thought: expected.thought,
    calls: expected.calls,
    finishReason: expected.finishReason,
  });
  if (expected.usage) expect(summary.usage).toEqual(expected.usage);
  if (expected.finishMessage) expect(summary.finishMessage).toContain(expected.finishMessage);
}

it('has fixtures of both kinds to replay', () => {
  expect(fixtures.filter((fixture) => fixture.name.startsWith('handwritten/')).length).toBeGreaterThanOrEqual(13);
  expect(fixtures.filter((fixture) => fixture.name.startsWith('recorded/')).length).toBeGreaterThanOrEqual(5);
  expect(embeddings.length).toBeGreaterThanOrEqual(1);
  for (const fixture of fixtures) expect(fixture.description.source.length).toBeGreaterThan(20);
});

describe('embeddings fixture replay', () => {
  for (const fixture of embeddings) {
    for (const variant of transportVariants('sse').slice(0, 4)) {
      it(`${fixture.name}, ${variant.name}`, async () => {
        current = { pieces: variant.pieces(fixture.body), contentType: 'application/json' };
        const recorded = JSON.parse(fixture.body.toString('utf8')) as { data: Array<{ embedding: number[] }> };
        const inputs = (fixture.description as unknown as { request: { input: string[] } }).request.input;
        const result = await generatorFor(server).embedContent({ model: 'm', contents: inputs });
        expect(result.embeddings?.map((embedding) => embedding.values)).toEqual(recorded.data.map((item) => item.embedding));
        expect(result.embeddings?.[0]?.values).toHaveLength(384);
      });
    }
  }
});

for (const profile of PROFILES) {
  describe(`fixture replay: ${profile.name}`, () => {
    for (const fixture of fixtures) {
      const streamed = fixture.description.stream;
      const variants: TransportVariant[] = streamed ? transportVariants('sse') : transportVariants('sse').slice(0, 4);
      for (const variant of variants) {
        it(`${fixture.name} (${streamed ? 'stream' : 'whole completion'}), ${variant.name}`, async () => {
          current = { pieces: variant.pieces(fixture.body), contentType: streamed ? 'text/event-stream' : 'application/json' };
          const generator = generatorFor(server, {}, { capabilities: { ...profile.capabilities, ...(fixture.description.capabilities as Partial<OpenAICompatibleCapabilities>) } });
          if (streamed) {
            check(fixture, summarise(await collect(generator.generateContentStream(requestFor(fixture)))));
          } else {
            check(fixture, summarise([await generator.generateContent(requestFor(fixture))]));
            // A server that ignores stream: true and answers one completion: the stream path reads it the same way.
            check(fixture, summarise(await collect(generator.generateContentStream(requestFor(fixture)))));
          }
        });
      }
    }
  });
}
