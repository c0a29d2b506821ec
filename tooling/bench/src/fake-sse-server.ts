import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Tokens of the fake stream: each is 4 characters, so N chunks carry 4·N characters. */
export const TOKENS = ['The ', 'cat ', 'sat ', 'on a', ' mat', ' and', ' was', ' fed'];
export const TOKEN_CHARS = 4;
const MAX_CHUNKS = 1_000_000;
const BATCH_BYTES = 64 * 1024;

/** How the server writes a stream: `batch` ≈ 64 KiB socket writes, `event` one event per write. */
export type WriteMode = 'batch' | 'event';

function renderSse(model: string, n: number): Buffer[] {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, system_fingerprint: 'fp_fake' };
  const events: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const delta = i === 0 ? { role: 'assistant', content: TOKENS[i % TOKENS.length] } : { content: TOKENS[i % TOKENS.length] };
    events.push(Buffer.from(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] })}\n\n`));
  }
  events.push(
    Buffer.from(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: { prompt_tokens: 8, completion_tokens: n, total_tokens: 8 + n } })}\n\n`,
    ),
  );
  events.push(Buffer.from('data: [DONE]\n\n'));
  return events;
}

const CREATED_AT = '2026-11-25T12:00:00.000000001Z';

/** Ollama's native `/api/chat` stream (api-facts §1.2): N intermediate lines, then the `done:true` line with durations and counts. */
function renderNdjson(model: string, n: number): Buffer[] {
  const lines: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(Buffer.from(`${JSON.stringify({ model, created_at: CREATED_AT, message: { role: 'assistant', content: TOKENS[i % TOKENS.length] }, done: false })}\n`));
  }
  const final = {
    model,
    created_at: CREATED_AT,
    message: { role: 'assistant', content: '' },
    done_reason: 'stop',
    done: true,
    total_duration: 1_000_000 + n * 10_000,
    load_duration: 21_000,
    prompt_eval_count: 8,
    prompt_eval_duration: 95_000,
    eval_count: n,
    eval_duration: n * 10_000,
  };
  lines.push(Buffer.from(`${JSON.stringify(final)}\n`));
  return lines;
}

function batch(events: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  let group: Buffer[] = [];
  let size = 0;
  for (const event of events) {
    group.push(event);
    size += event.length;
    if (size >= BATCH_BYTES) {
      out.push(Buffer.concat(group));
      group = [];
      size = 0;
    }
  }
  if (group.length > 0) out.push(Buffer.concat(group));
  return out;
}

const cache = new Map<string, { events: Buffer[]; batches: Buffer[] }>();

async function write(response: ServerResponse, buffers: Buffer[], mode: WriteMode): Promise<void> {
  for (const buffer of buffers) {
    if (response.destroyed) return;
    if (!response.write(buffer)) await new Promise((resolve) => response.once('drain', resolve));
    if (mode === 'event') await new Promise(setImmediate);
  }
}

const ROUTES = {
  '/v1/chat/completions': { render: renderSse, contentType: 'text/event-stream; charset=utf-8' },
  '/api/chat': { render: renderNdjson, contentType: 'application/x-ndjson' },
} as const;

/**
 * A fake streaming server for benchmarks, model `chunks-<N>-<mode>` picking N and the write mode, from
 * pre-rendered buffers: OpenAI-compatible `POST /v1/chat/completions` (SSE: N one-token chunks, a finish chunk with
 * usage, `[DONE]`) and Ollama's native `POST /api/chat` (NDJSON: N one-token lines, then the `done:true` line).
 */
export function createFakeSseServer(): Server {
  return createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const route = request.method === 'POST' && Object.hasOwn(ROUTES, request.url ?? '') ? ROUTES[request.url as keyof typeof ROUTES] : undefined;
      if (!route) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"error":{"message":"not found"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as { model?: string };
      const match = /chunks-(\d+)-(batch|event)/.exec(body.model ?? '');
      const n = Math.min(MAX_CHUNKS, Number(match?.[1] ?? 16));
      const mode = (match?.[2] ?? 'batch') as WriteMode;
      const key = `${request.url}|${body.model}|${n}`;
      let payload = cache.get(key);
      if (!payload) {
        const events = route.render(body.model ?? '', n);
        payload = { events, batches: batch(events) };
        if (cache.size > 16) cache.clear();
        cache.set(key, payload);
      }
      response.writeHead(200, { 'content-type': route.contentType, 'cache-control': 'no-cache' });
      void write(response, mode === 'batch' ? payload.batches : payload.events, mode).then(() => response.end());
    });
  });
}

// Run as a child process: listen on 127.0.0.1, report the port over IPC, exit when the parent goes away.
if (process.argv.includes('--serve')) {
  const server = createFakeSseServer();
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), 15 * 60_000).unref();
}
