// A realistic local LLM server for routing tests and the routing benchmark: an OpenAI-compatible `/v1` surface
// (llama-server-like: `/health`, `/props`, `/slots`) with a fixed number of parallel slots and a FIFO queue, prompt
// processing time proportional to the prompt tokens that are not cached, a prefix cache, and a generation speed.
// Self-contained (only `node:` imports and erasable TypeScript), so the benchmark can load it with Node's own type
// stripping: `import { startFleetServer } from '../src/testing/fleet-server.ts'`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Options of {@link startFleetServer}. */
export interface FleetServerOptions {
  /** Requests processed at once (default 1); the rest wait in a FIFO queue. */
  slots?: number;
  /** Requests that may wait (default 10 000); beyond it the server answers 503 like llama-server with a full queue. */
  queueLimit?: number;
  /** Prompt processing speed per slot, tokens/s (default 4 000). Only uncached prompt tokens cost time. */
  promptTokensPerSecond?: number;
  /** Generation speed per slot, tokens/s (default 100). */
  tokensPerSecond?: number;
  /** Tokens of every answer (default 16), or a function of the prompt's token count. */
  replyTokens?: number | ((promptTokens: number) => number);
  /**
   * Prefix-cache entries (default: one per slot, as a slot keeps its last sequence). A request reuses the longest
   * common prefix of any entry (llama-server's slot cache plus its host-memory prompt cache when this is larger).
   */
  cacheEntries?: number;
  /** Model id (default `fleet-llm`). */
  model?: string;
  /** Interface (default 127.0.0.1). */
  host?: string;
}

/** Counters since start (or the last {@link FleetServer.resetStats}). */
export interface FleetStats {
  requests: number;
  completed: number;
  aborted: number;
  rejected: number;
  promptTokens: number;
  cachedTokens: number;
  generatedTokens: number;
  /** Most requests waiting in the queue at once. */
  maxQueued: number;
  /** Most slots busy at once. */
  maxBusy: number;
}

/** A running fleet server. */
export interface FleetServer {
  readonly url: string;
  readonly slots: number;
  stats(): FleetStats;
  resetStats(): void;
  /** Slots busy and requests waiting right now. */
  load(): { busy: number; queued: number };
  close(): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

class Aborted extends Error {}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    if (ms <= 0) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join(' ');
  return '';
}

/** The server's tokenizer: a role marker per message, then one token per whitespace-separated word. */
export function fleetTokens(messages: unknown): string[] {
  const tokens: string[] = [];
  if (!Array.isArray(messages)) return tokens;
  for (const message of messages) {
    if (!message || typeof message !== 'object') continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    tokens.push(`<${String(role)}>`);
    for (const word of textOf(content).split(/\s+/)) if (word) tokens.push(word);
  }
  return tokens;
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i += 1;
  return i;
}

/** Starts a fleet server on a free loopback port. */
export async function startFleetServer(options: FleetServerOptions = {}): Promise<FleetServer> {
  const slots = Math.max(1, options.slots ?? 1);
  const queueLimit = options.queueLimit ?? 10_000;
  const msPerPromptToken = 1000 / (options.promptTokensPerSecond ?? 4_000);
  const msPerToken = 1000 / (options.tokensPerSecond ?? 100);
  const cacheEntries = Math.max(1, options.cacheEntries ?? slots);
  const model = options.model ?? 'fleet-llm';
  const replyTokens = options.replyTokens ?? 16;
  const fresh = (): FleetStats => ({ requests: 0, completed: 0, aborted: 0, rejected: 0, promptTokens: 0, cachedTokens: 0, generatedTokens: 0, maxQueued: 0, maxBusy: 0 });
  let stats = fresh();
  let busy = 0;
  const queue: Waiter[] = [];
  /** Cached sequences, most recently used first. */
  const cache: string[][] = [];
  const closing = new AbortController();

  const acquire = (signal: AbortSignal): Promise<void> => {
    if (busy < slots && queue.length === 0) {
      busy += 1;
      stats.maxBusy = Math.max(stats.maxBusy, busy);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(new Aborted());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      stats.maxQueued = Math.max(stats.maxQueued, queue.length);
    });
  };
  const release = (): void => {
    const next = queue.shift();
    if (next) next.resolve();
    else busy -= 1;
  };
  /** Longest cached prefix of `tokens`; takes that entry out (the slot now extends it). */
  const takeCached = (tokens: readonly string[]): number => {
    let best = 0;
    let bestIndex = -1;
    for (let i = 0; i < cache.length; i += 1) {
      const n = commonPrefix(cache[i]!, tokens);
      if (n > best) {
        best = n;
        bestIndex = i;
      }
    }
    if (bestIndex >= 0 && best === cache[bestIndex]!.length) cache.splice(bestIndex, 1);
    return best;
  };
  const remember = (tokens: string[]): void => {
    cache.unshift(tokens);
    if (cache.length > cacheEntries) cache.length = cacheEntries;
  };

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const complete = async (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>, signal: AbortSignal): Promise<void> => {
    stats.requests += 1;
    if (busy >= slots && queue.length >= queueLimit) {
      stats.rejected += 1;
      return json(res, 503, { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } });
    }
    const prompt = fleetTokens(body.messages);
    const stream = body.stream === true;
    const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    const id = `chatcmpl-fleet${stats.requests}`;
    if (stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
    }
    await acquire(signal);
    try {
      const cached = Math.min(takeCached(prompt), Math.max(0, prompt.length - 1)); // like llama.cpp: at least one token is evaluated
      const promptMs = (prompt.length - cached) * msPerPromptToken;
      await sleep(promptMs, signal);
      const n = Math.max(1, typeof replyTokens === 'function' ? replyTokens(prompt.length) : replyTokens);
      const words = Array.from({ length: n }, (_, i) => `w${(prompt.length * 31 + i * 7) % 1000}`);
      const generationStart = performance.now();
      const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      // Tokens leave in batches of at least 5 ms, on a schedule from the generation start (no timer drift).
      const batch = Math.max(1, Math.ceil(5 / msPerToken));
      if (stream) res.write(chunk({ role: 'assistant', content: words[0] }, null));
      for (let sent = 1; sent < n; sent += batch) {
        const upTo = Math.min(n, sent + batch);
        await sleep(generationStart + upTo * msPerToken - performance.now(), signal);
        if (stream) res.write(chunk({ content: ` ${words.slice(sent, upTo).join(' ')}` }, null));
      }
      if (n === 1) await sleep(generationStart + msPerToken - performance.now(), signal);
      const predictedMs = performance.now() - generationStart;
      remember([...prompt, '<assistant>', ...words]);
      stats.completed += 1;
      stats.promptTokens += prompt.length;
      stats.cachedTokens += cached;
      stats.generatedTokens += n;
      const usage = { prompt_tokens: prompt.length, completion_tokens: n, total_tokens: prompt.length + n, prompt_tokens_details: { cached_tokens: cached } };
      const timings = { cache_n: cached, prompt_n: prompt.length - cached, prompt_ms: promptMs, predicted_n: n, predicted_ms: predictedMs };
      if (!stream) {
        json(res, 200, {
          id,
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: words.join(' ') }, finish_reason: 'stop' }],
          usage,
          timings,
        });
        return;
      }
      res.write(chunk({}, 'stop'));
      if (includeUsage) res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices: [], usage, timings })}\n\n`);
      res.end('data: [DONE]\n\n');
    } finally {
      release();
    }
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const signal = AbortSignal.any([gone.signal, closing.signal]);
    const chunks: Buffer[] = [];
    req.on('data', (data: Buffer) => chunks.push(data));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/v1/models') return json(res, 200, { object: 'list', data: [{ id: model, object: 'model', owned_by: 'fleet' }] });
      if (req.method === 'GET' && path === '/health') return json(res, 200, { status: 'ok' });
      if (req.method === 'GET' && path === '/props') return json(res, 200, { total_slots: slots, model_path: model });
      if (req.method === 'GET' && path === '/slots') return json(res, 200, Array.from({ length: slots }, (_, id) => ({ id, is_processing: id < busy })));
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return json(res, 400, { error: { message: 'invalid JSON' } });
        }
        complete(req, res, body, signal).catch((error: unknown) => {
          if (error instanceof Aborted || signal.aborted) stats.aborted += 1;
          if (!res.writableEnded) res.destroy();
        });
        return;
      }
      json(res, 404, { error: { message: 'not found' } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    slots,
    stats: () => ({ ...stats }),
    resetStats() {
      stats = fresh();
    },
    load: () => ({ busy, queued: queue.length }),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        for (const waiter of queue.splice(0)) waiter.reject(new Aborted());
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
