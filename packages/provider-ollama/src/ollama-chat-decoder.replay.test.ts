import { declaredToolsOf, type StreamDecoderSink } from '@samus/provider-core/internal';
import { type GenerateContentResponse, type Part } from '@samus/kernel';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OllamaChatDecoder } from './ollama-chat-decoder.js';

// Replays every native /api/chat fixture — recorded from the real Ollama container
// (tooling/test-ollama/bin/record-fixtures.mjs) and hand-written, each citing what it models — through the NDJSON
// decoder, whole, in random byte splits (UTF-8 sequences cut), with CRLF and with blank lines.

interface Description {
  source: string;
  path: string;
  stream: boolean;
  status: number;
  body: string;
  tools?: string[];
  expect?: { text: string; thought: string; calls: Array<{ name: string; args: Record<string, unknown> }>; finishReason: string; usage?: Record<string, number> };
  reference?: { text: string; thought: string; calls: Array<{ name: string; args: Record<string, unknown> }>; finishReason?: string; usage?: { prompt_eval_count?: number; eval_count?: number } };
}

const here = dirname(fileURLToPath(import.meta.url));
const fixtures: Array<{ name: string; description: Description; body: Buffer }> = [];
for (const directory of ['handwritten', 'recorded']) {
  let files: string[];
  try {
    files = readdirSync(join(here, '__fixtures__', directory));
  } catch {
    continue;
  }
  for (const file of files.filter((name) => name.endsWith('.json') && !name.includes('.body.')).sort()) {
    const description = JSON.parse(readFileSync(join(here, '__fixtures__', directory, file), 'utf8')) as Description;
    if (description.path !== 'native' || description.status !== 200 || !description.stream) continue;
    fixtures.push({ name: `${directory}/${file.slice(0, -5)}`, description, body: readFileSync(join(here, '__fixtures__', directory, description.body)) });
  }
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cuts(bytes: Buffer, seed: number): Buffer[] {
  const next = random(seed);
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const size = 1 + Math.floor(next() * 48);
    pieces.push(bytes.subarray(start, start + size));
    start += size;
  }
  return pieces;
}

const VARIANTS: Array<{ name: string; pieces: (body: Buffer) => Buffer[] }> = [
  { name: 'whole', pieces: (body) => [body] },
  ...[1, 2, 3].map((seed) => ({ name: `random splits (seed ${seed})`, pieces: (body: Buffer) => cuts(body, seed) })),
  { name: 'CRLF, random splits', pieces: (body) => cuts(Buffer.from(body.toString('utf8').replace(/\n/g, '\r\n')), 7) },
  { name: 'blank lines, random splits', pieces: (body) => cuts(Buffer.from(body.toString('utf8').replace(/\n/g, '\n\n')), 11) },
];

const FINISH: Record<string, string> = { stop: 'STOP', length: 'MAX_TOKENS', load: 'STOP', unload: 'STOP' };

function expectation(description: Description) {
  if (description.expect) return description.expect;
  const reference = description.reference!;
  const prompt = reference.usage?.prompt_eval_count;
  const output = reference.usage?.eval_count;
  return {
    text: reference.text,
    thought: reference.thought,
    calls: reference.calls,
    finishReason: FINISH[reference.finishReason ?? ''] ?? 'OTHER',
    ...(prompt === undefined || output === undefined ? {} : { usage: { promptTokenCount: prompt, candidatesTokenCount: output, totalTokenCount: prompt + output } }),
  };
}

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
        const parts: Part[] = responses.flatMap((response) => response.candidates?.[0]?.content?.parts ?? []);
        const expected = expectation(fixture.description);
        expect({
          text: parts.filter((part) => typeof part.text === 'string' && part.thought !== true).map((part) => part.text).join(''),
          thought: parts.filter((part) => part.thought === true).map((part) => part.text).join(''),
          calls: parts.flatMap((part) => (part.functionCall ? [{ name: part.functionCall.name, args: part.functionCall.args }] : [])),
          finishReason: responses.at(-1)?.candidates?.[0]?.finishReason,
        }).toEqual({ text: expected.text, thought: expected.thought, calls: expected.calls, finishReason: expected.finishReason });
        if (expected.usage) expect(responses.at(-1)?.usageMetadata).toEqual(expected.usage);
      });
    }
  }
});
