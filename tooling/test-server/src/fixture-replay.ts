import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateContentResponse, Part } from '@samus/kernel';

/** The description (`<name>.json`) next to a recorded or hand-written body in `__fixtures__`. */
export interface FixtureDescription {
  /** Where the body comes from: the real server and endpoint, or the public report / server a hand-written one models. */
  source: string;
  /** `v1` (OpenAI-compatible chat), `native` (Ollama /api/chat), `v1-embeddings`. */
  path: string;
  stream: boolean;
  status: number;
  /** File name of the raw body, in the same directory. */
  body: string;
  /** Names of the tools the request declared. */
  tools?: string[];
  /** Capability overrides the fixture needs. */
  capabilities?: Record<string, unknown>;
  /** What the conversion must give (hand-written fixtures). */
  expect?: FixtureExpectation;
  /** The recorder's naive reading of the body (recorded fixtures); turned into an expectation by {@link expectationOf}. */
  reference?: { text: string; thought: string; calls: Array<{ name: string; args: Record<string, unknown> }>; finishReason?: string; usage?: Record<string, number | undefined>; error?: string };
}

export interface FixtureExpectation {
  text: string;
  thought: string;
  calls: Array<{ name: string; args: Record<string, unknown> }>;
  finishReason: string;
  usage?: Record<string, number>;
  /** A substring of the final candidate's `finishMessage`. */
  finishMessage?: string;
}

export interface Fixture {
  name: string;
  description: FixtureDescription;
  body: Buffer;
}

/** Every fixture of `directories` (absolute paths; missing ones are skipped), sorted by name. */
export function loadFixtures(directories: string[]): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const directory of directories) {
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch {
      continue;
    }
    for (const file of names.filter((name) => name.endsWith('.json') && !name.includes('.body.')).sort()) {
      const description = JSON.parse(readFileSync(join(directory, file), 'utf8')) as FixtureDescription;
      fixtures.push({ name: `${directory.split('/').at(-1)}/${file.slice(0, -5)}`, description, body: readFileSync(join(directory, description.body)) });
    }
  }
  return fixtures;
}

const OPENAI_FINISH: Record<string, string> = { stop: 'STOP', tool_calls: 'STOP', length: 'MAX_TOKENS', load: 'STOP', unload: 'STOP' };

/** The expectation of a fixture: its own, or the one its recorded reference reading implies. */
export function expectationOf(description: FixtureDescription): FixtureExpectation {
  if (description.expect) return description.expect;
  const reference = description.reference!;
  const usage = reference.usage;
  let mapped: Record<string, number> | undefined;
  if (usage && typeof usage['prompt_tokens'] === 'number') {
    mapped = { promptTokenCount: usage['prompt_tokens'], candidatesTokenCount: usage['completion_tokens']!, totalTokenCount: usage['total_tokens']! };
  } else if (usage && typeof usage['prompt_eval_count'] === 'number') {
    mapped = { promptTokenCount: usage['prompt_eval_count'], candidatesTokenCount: usage['eval_count']!, totalTokenCount: usage['prompt_eval_count'] + usage['eval_count']! };
  }
  return {
    text: reference.text,
    thought: reference.thought,
    calls: reference.calls,
    finishReason: OPENAI_FINISH[reference.finishReason ?? ''] ?? 'OTHER',
    ...(mapped ? { usage: mapped } : {}),
  };
}

/** A seeded PRNG (mulberry32), so a failing split can be reproduced from the test name. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One way of delivering a body: the bytes, cut into the reads the client will see. */
export interface TransportVariant {
  name: string;
  pieces(body: Buffer): Buffer[];
}

/** Random cuts (1–48 bytes, UTF-8 sequences split too). */
function randomCuts(bytes: Buffer, seed: number): Buffer[] {
  const random = seededRandom(seed);
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const size = 1 + Math.floor(random() * 48);
    pieces.push(bytes.subarray(start, start + size));
    start += size;
  }
  return pieces;
}

/**
 * The transport variants every stream fixture is replayed under: whole, random byte splits (3 seeds), CRLF line
 * ends, and (SSE only) comments and keep-alive lines between events; `ndjson` gets CRLF and blank lines instead.
 */
export function transportVariants(kind: 'sse' | 'ndjson'): TransportVariant[] {
  const variants: TransportVariant[] = [
    { name: 'whole', pieces: (body) => [body] },
    ...[1, 2, 3].map((seed) => ({ name: `random splits (seed ${seed})`, pieces: (body: Buffer) => randomCuts(body, seed) })),
    { name: 'CRLF, random splits', pieces: (body) => randomCuts(Buffer.from(body.toString('utf8').replace(/\r?\n/g, '\r\n')), 7) },
  ];
  if (kind === 'sse') {
    variants.push({
      name: 'comments and keep-alives, random splits',
      pieces: (body) => randomCuts(Buffer.from(`: ping\n\n${body.toString('utf8').replace(/\n\n(?=data:)/g, '\n\n: keep-alive\n\n')}`), 11),
    });
  } else {
    variants.push({ name: 'blank lines, random splits', pieces: (body) => randomCuts(Buffer.from(body.toString('utf8').replace(/\n/g, '\n\n')), 11) });
  }
  return variants;
}

/** Text, thoughts, calls, finish reason, finish message and usage of a list of responses. */
export function summarise(responses: GenerateContentResponse[]) {
  const parts: Part[] = responses.flatMap((response) => response.candidates?.[0]?.content?.parts ?? []);
  const last = responses.at(-1);
  return {
    text: parts.filter((part) => typeof part.text === 'string' && part.thought !== true).map((part) => part.text).join(''),
    thought: parts.filter((part) => part.thought === true).map((part) => part.text).join(''),
    calls: parts.flatMap((part) => (part.functionCall ? [{ name: part.functionCall.name, args: part.functionCall.args }] : [])),
    finishReason: last?.candidates?.[0]?.finishReason,
    finishMessage: last?.candidates?.[0]?.finishMessage,
    usage: [...responses].reverse().find((response) => response.usageMetadata !== undefined)?.usageMetadata,
  };
}
