import { createContentGeneratorConfig, createGenerateContentResponse, SamusEvents, type GenerateContentResponse } from '@samus/kernel';
import { OpenAICompatibleContentGenerator } from '@samus/provider-core';
import { createOllama } from '@samus/provider-ollama';
import OpenAI from 'openai';

/** Streams `model` and calls `onText` once per text delta. */
export type StreamFunction = (model: string, onText: (text: string) => void) => Promise<void>;

/** One benchmarked client. */
export interface BenchClient {
  name: string;
  description: string;
  /** The client its ratios are taken against (the fetch-based floor for the same wire protocol); none for a baseline. */
  baseline?: string;
  setup(origin: string): StreamFunction;
}

function generator(origin: string, events?: SamusEvents): OpenAICompatibleContentGenerator {
  const config = createContentGeneratorConfig('openai', { baseUrl: origin, model: 'unused', apiKey: 'fake', maxRetries: 0, env: {} });
  return new OpenAICompatibleContentGenerator({ config, ...(events ? { events } : {}) });
}

/** Streams Gemini-shaped chunks of a generator and hands their text parts to `onText`. */
function drain(instance: { generateContentStream: OpenAICompatibleContentGenerator['generateContentStream'] }): StreamFunction {
  return async (model, onText) => {
    for await (const response of await instance.generateContentStream({ model, contents: [{ role: 'user', parts: [{ text: 'Say something.' }] }] })) {
      for (const part of response.candidates?.[0]?.content?.parts ?? []) if (part.text) onText(part.text);
    }
  };
}

function ollama(origin: string, api: 'native' | 'openai'): StreamFunction {
  return drain(createOllama({ env: {}, baseUrl: origin, model: 'unused', maxRetries: 0, providerOptions: { api } }));
}

function provider(origin: string, events?: SamusEvents): StreamFunction {
  return drain(generator(origin, events));
}

const ndjsonDecoder = new TextDecoder();

/** The NDJSON floor: fetch `/api/chat`, split lines on the bytes, decode each read's complete lines once, JSON.parse. */
async function readNdjson(url: string, model: string, onText: (text: string) => void): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Say something.' }] }),
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  let tail: Uint8Array | undefined;
  for await (const bytes of response.body) {
    const last = bytes.lastIndexOf(10);
    if (last === -1) {
      tail = tail ? Buffer.concat([tail, bytes]) : bytes;
      continue;
    }
    const head = bytes.subarray(0, last + 1);
    const text = tail ? ndjsonDecoder.decode(Buffer.concat([tail, head])) : ndjsonDecoder.decode(head);
    tail = last + 1 < bytes.length ? bytes.subarray(last + 1) : undefined;
    let start = 0;
    let newline: number;
    while ((newline = text.indexOf('\n', start)) !== -1) {
      if (newline > start) {
        const message = JSON.parse(text.slice(start, newline)) as { done?: boolean; message?: { content?: string } };
        const content = message.message?.content;
        if (message.done !== true && content) onText(content);
      }
      start = newline + 1;
    }
  }
}

/** The clients, baselines first. */
export const BENCH_CLIENTS: readonly BenchClient[] = [
  {
    name: 'raw-fetch',
    description: 'baseline: fetch + hand-written SSE line splitter + JSON.parse',
    setup(origin) {
      const url = `${origin}/v1/chat/completions`;
      return async (model, onText) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer fake' },
          body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Say something.' }] }),
        });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        const decoder = new TextDecoder();
        let buffer = '';
        let done = false;
        for await (const bytes of response.body) {
          buffer += decoder.decode(bytes, { stream: true });
          let start = 0;
          let newline: number;
          while ((newline = buffer.indexOf('\n', start)) !== -1) {
            const line = buffer.slice(start, newline);
            start = newline + 1;
            if (done || !line.startsWith('data: ')) continue;
            const data = line.slice(6);
            if (data === '[DONE]') {
              done = true;
              continue;
            }
            const text = (JSON.parse(data) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content;
            if (text) onText(text);
          }
          buffer = buffer.slice(start);
        }
      };
    },
  },
  {
    name: 'raw-fetch-ndjson',
    description: "baseline for Ollama's native /api/chat: fetch + byte line splitter + JSON.parse, nothing else",
    setup(origin) {
      const url = `${origin}/api/chat`;
      return (model, onText) => readNdjson(url, model, onText);
    },
  },
  {
    name: 'raw-fetch-ndjson-gemini',
    description: 'reference: the raw-fetch-ndjson loop in an async function* yielding one Gemini-shaped response per line',
    baseline: 'raw-fetch-ndjson',
    setup(origin) {
      const url = `${origin}/api/chat`;
      async function* responses(model: string): AsyncGenerator<GenerateContentResponse> {
        const pending: GenerateContentResponse[] = [];
        let finished = false;
        let wake: (() => void) | undefined;
        const reading = readNdjson(url, model, (text) => {
          pending.push(createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0 }], modelVersion: model }));
          wake?.();
        }).finally(() => {
          finished = true;
          wake?.();
        });
        while (true) {
          if (pending.length > 0) {
            yield pending.shift()!;
            continue;
          }
          if (finished) break;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
        await reading;
      }
      return drain({ generateContentStream: async (request) => responses(request.model) });
    },
  },
  {
    name: 'provider-core',
    description: '@samus/provider-core generateContentStream(), no event listeners',
    baseline: 'raw-fetch',
    setup: (origin) => provider(origin),
  },
  {
    name: 'provider-core+events',
    description: '@samus/provider-core with listeners on every metrics event (first-token, chunk, finish)',
    baseline: 'raw-fetch',
    setup(origin) {
      const events = new SamusEvents();
      let sink = 0;
      events.on('request:start', () => (sink += 1));
      events.on('response:first-token', (event) => (sink += event.ttftMs));
      events.on('response:chunk', (event) => (sink += event.textLength));
      events.on('response:finish', (event) => (sink += event.durationMs));
      return provider(origin, events);
    },
  },
  {
    name: 'openai-sdk',
    description: 'reference: openai chat.completions.create({ stream: true }) iterator',
    baseline: 'raw-fetch',
    setup(origin) {
      const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: 'fake', maxRetries: 0, organization: null, project: null, logLevel: 'off' });
      return async (model, onText) => {
        const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'Say something.' }] });
        for await (const chunk of stream) {
          const text = chunk.choices[0]?.delta?.content;
          if (text) onText(text);
        }
      };
    },
  },
  {
    name: 'provider-ollama-native',
    description: "@samus/provider-ollama createOllama() generateContentStream() over native /api/chat (NDJSON, the default)",
    baseline: 'raw-fetch-ndjson',
    setup: (origin) => ollama(origin, 'native'),
  },
  {
    name: 'provider-ollama-v1',
    description: "@samus/provider-ollama with providerOptions: { api: 'openai' }: /v1/chat/completions (SSE) through provider-core",
    baseline: 'raw-fetch',
    setup: (origin) => ollama(origin, 'openai'),
  },
];
