import { createContentGeneratorConfig, SamusEvents } from '@samus/kernel';
import { OpenAICompatibleContentGenerator } from '@samus/provider-core';
import OpenAI from 'openai';

/** Streams `model` and calls `onText` once per text delta. */
export type StreamFunction = (model: string, onText: (text: string) => void) => Promise<void>;

/** One benchmarked client. */
export interface BenchClient {
  name: string;
  description: string;
  setup(origin: string): StreamFunction;
}

function generator(origin: string, events?: SamusEvents): OpenAICompatibleContentGenerator {
  const config = createContentGeneratorConfig('openai', { baseUrl: origin, model: 'unused', apiKey: 'fake', maxRetries: 0, env: {} });
  return new OpenAICompatibleContentGenerator({ config, ...(events ? { events } : {}) });
}

function provider(origin: string, events?: SamusEvents): StreamFunction {
  const instance = generator(origin, events);
  return async (model, onText) => {
    for await (const response of instance.generateContentStream({ model, contents: [{ role: 'user', parts: [{ text: 'Say something.' }] }] })) {
      for (const part of response.candidates?.[0]?.content?.parts ?? []) if (part.text) onText(part.text);
    }
  };
}

/** The clients, baseline first. */
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
    name: 'provider-core',
    description: '@samus/provider-core generateContentStream(), no event listeners',
    setup: (origin) => provider(origin),
  },
  {
    name: 'provider-core+events',
    description: '@samus/provider-core with listeners on every metrics event (first-token, chunk, finish)',
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
];
