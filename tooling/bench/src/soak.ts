/**
 * The soak benchmark (not a test): does a generator leak under load? 200 concurrent streams, then 10,000 sequential
 * streamed requests (every 10th aborted after its first chunk) through `@samus/provider-core`'s generator against a
 * loopback server in its own process. Prints open file descriptors, active handles, heap (after GC) and RSS at 1k,
 * 5k and 10k requests, and the abort check: every aborted stream must be seen closed by the server (the server stops
 * generating).
 *
 * Run: `pnpm --filter @samus/bench soak` (builds first; `--requests`, `--concurrent`, `--chunks` to change sizes).
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createKernel, type ContentGenerator } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';

interface ServerStats {
  requests: number;
  completed: number;
  closedEarly: number;
}

function serve(chunks: number): void {
  const stats: ServerStats = { requests: 0, completed: 0, closedEarly: 0 };
  const event = (text: string): string => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
  const finish = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      stats.requests += 1;
      const requestBody = Buffer.concat(parts).toString('utf8');
      if (hostile(requestBody, response)) return;
      // Model "slow": a long stream, one chunk per 5 ms (an aborting client must close it long before its end).
      const slow = requestBody.includes('"model":"slow"');
      const total = slow ? 1_000 : chunks;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      let done = false;
      response.on('close', () => {
        if (!done) stats.closedEarly += 1;
      });
      // A few chunks per tick, so an aborted client is still mid-stream when it closes.
      const tick = (): void => {
        if (response.destroyed) return;
        for (let i = 0; i < (slow ? 1 : 5) && sent < total; i++, sent++) response.write(event('tok '));
        if (sent < total) {
          if (slow) setTimeout(tick, 5);
          else setImmediate(tick);
        }
        else {
          done = true;
          stats.completed += 1;
          response.end(finish);
        }
      };
      tick();
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('message', () => process.send?.({ stats }));
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), 30 * 60_000).unref();
}

/** Hostile answers for the memory check: a 64 MiB body, a 64 MiB line, an endless stream. */
function hostile(sent: string, response: ServerResponse): boolean {
  const kind = /"model":"(giant-body|giant-line|endless)"/.exec(sent)?.[1];
  if (kind === undefined) return false;
  const piece = Buffer.alloc(1024 * 1024, 'x');
  const chunk = Buffer.from(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: 'and on and on ' }, finish_reason: null }] })}\n\n`.repeat(200));
  response.writeHead(200, { 'content-type': kind === 'giant-body' ? 'application/json' : 'text/event-stream' });
  response.write(kind === 'giant-body' ? '{"x":"' : kind === 'giant-line' ? 'data: {"x":"' : '');
  let written = 0;
  const write = (): void => {
    while (!response.destroyed && written < 64 * 1024 * 1024) {
      const next = kind === 'endless' ? chunk : piece;
      written += next.length;
      if (!response.write(next)) {
        response.once('drain', write);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  write();
  return true;
}

/** The most RSS grows over `baseline` while `run` runs (sampled every 2 ms). */
async function peakRss(run: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    await run().catch(() => undefined);
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - baseline;
}

async function consume(generator: ContentGenerator, abort: boolean): Promise<void> {
  const controller = new AbortController();
  try {
    for await (const _chunk of await generator.generateContentStream({ model: abort ? 'slow' : 'm', contents: 'hi', config: { abortSignal: controller.signal } }, 'soak')) {
      if (abort) controller.abort();
    }
  } catch (error) {
    if (!abort) throw error;
  }
}

function sample(label: string): string {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const fds = readdirSync('/proc/self/fd').length;
  const handles = process.getActiveResourcesInfo().length;
  return `| ${label} | ${fds} | ${handles} | ${(memory.heapUsed / 1e6).toFixed(1)} | ${(memory.rss / 1e6).toFixed(1)} |`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), options: { requests: { type: 'string', default: '10000' }, concurrent: { type: 'string', default: '200' }, chunks: { type: 'string', default: '50' }, serve: { type: 'boolean', default: false } } });
  if (values.serve) {
    serve(Number(values.chunks));
    return;
  }
  const child = fork(new URL(import.meta.url), ['--serve', '--chunks', values.chunks], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (message: { port: number }) => resolve(message.port)));
  const stats = (): Promise<ServerStats> =>
    new Promise((resolve) => {
      child.once('message', (message: { stats: ServerStats }) => resolve(message.stats));
      child.send('stats');
    });
  const kernel = createKernel({ env: {} }).register(openaiPlugin);
  const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('openai', { baseUrl: `http://127.0.0.1:${port}`, model: 'm', maxRetries: 0, requestModel: 'request' }));
  // Hostile answers first, on a fresh heap: how far memory grows while the limits cut them off.
  const hostileRows: string[] = [];
  for (const [model, streamed, maxOutputTokens] of [['giant-body', false, undefined], ['giant-line', true, undefined], ['endless', true, 5]] as const) {
    let code = '';
    const grown = await peakRss(async () => {
      try {
        const config = maxOutputTokens === undefined ? {} : { maxOutputTokens };
        if (streamed) for await (const _chunk of await generator.generateContentStream({ model, contents: 'hi', config }, 'soak')) void _chunk;
        else await generator.generateContent({ model, contents: 'hi', config }, 'soak');
      } catch (error) {
        code = (error as { code?: string }).code ?? String(error);
        throw error;
      }
    });
    hostileRows.push(`| ${model} (64 MiB sent) | ${code} | ${(grown / 1e6).toFixed(1)} |`);
  }
  const rows: string[] = [sample('start')];
  const concurrent = Number(values.concurrent);
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrent }, () => consume(generator, false)));
  rows.push(sample(`after ${concurrent} concurrent`));
  const total = Number(values.requests);
  let aborted = 0;
  for (let i = 1; i <= total; i++) {
    const abort = i % 10 === 0;
    if (abort) aborted += 1;
    await consume(generator, abort);
    if (i === 1000 || i === 5000 || i === total) rows.push(sample(`${i} sequential`));
  }
  const elapsed = (performance.now() - started) / 1000;

  // Let the server see the last closes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const server = await stats();
  child.disconnect();
  console.log(`Node ${process.version}, ${concurrent} concurrent + ${total} sequential streams of ${values.chunks} chunks, ${elapsed.toFixed(1)} s, ${new Date().toISOString()}\n`);
  console.log('| point | open fds | active handles | heap used after GC (MB) | RSS (MB) |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(`\nServer: ${server.requests} requests, ${server.completed} completed, ${server.closedEarly} closed before the end; client aborted ${aborted}.`);
  console.log('\n| hostile answer | error | RSS growth at peak (MB) |');
  console.log('|---|---|---|');
  for (const row of hostileRows) console.log(row);
  console.log(server.closedEarly === aborted ? 'abort check: every aborted stream was closed at the server' : `abort check FAILED: ${aborted} aborted, ${server.closedEarly} closed early`);
}

await main();
