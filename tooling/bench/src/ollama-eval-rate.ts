import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { SamusEvents, type SamusEventMap } from '@samus/kernel';
import { createOllama } from '@samus/provider-ollama';

/** One measured request. */
export interface EvalRateRun {
  run: number;
  /** Output tokens Ollama reports (`eval_count`). */
  tokens: number | undefined;
  finishReason: string | undefined;
  /** Tokens/s seen through the provider (`response:finish`: (tokens − 1) over first token → end of stream). */
  clientTps: number | undefined;
  /** Ollama's eval rate for the same request: `eval_count / eval_duration`. */
  serverTps: number | undefined;
  ratio: number | undefined;
  /** Client first → last token (ms), derived from `clientTps`; what the client waited while Ollama evaluated. */
  clientSpanMs: number | undefined;
  /** Ollama's `eval_duration` (ms). */
  evalMs: number | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function median(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Streams `runs` generations of at most `tokens` tokens from a running Ollama through `createOllama()` (native
 * `/api/chat`) after one unmeasured warm-up, and compares the provider's client-side tokens/s with the eval rate
 * Ollama reports for each request.
 */
export async function measureEvalRate(options: { baseUrl: string; model: string; runs: number; tokens: number }): Promise<EvalRateRun[]> {
  const events = new SamusEvents();
  let last: SamusEventMap['response:finish'] | undefined;
  events.on('response:finish', (event) => (last = event));
  const generator = createOllama({ env: {}, baseUrl: options.baseUrl, model: options.model, events, maxRetries: 0, timeouts: { totalMs: 600_000 } });
  await generator.admin.load!(options.model);
  const rows: EvalRateRun[] = [];
  for (let run = -1; run < options.runs; run += 1) {
    last = undefined;
    const stream = await generator.generateContentStream({
      model: options.model,
      contents: 'Write a long story about a lighthouse keeper and the ships she watches.',
      config: { temperature: 0.7, seed: 1000 + run, maxOutputTokens: options.tokens },
    });
    for await (const chunk of stream) void chunk;
    if (run < 0) continue; // warm-up
    const finish = last as SamusEventMap['response:finish'] | undefined;
    const clientTps = finish?.tokensPerSecond;
    const serverTps = finish?.server?.tokensPerSecond;
    const tokens = finish?.server?.evalTokens ?? finish?.outputTokens;
    rows.push({
      run,
      tokens,
      finishReason: finish?.finishReason,
      clientTps,
      serverTps,
      ratio: clientTps !== undefined && serverTps !== undefined ? clientTps / serverTps : undefined,
      clientSpanMs: clientTps !== undefined && tokens !== undefined ? ((tokens - 1) * 1000) / clientTps : undefined,
      evalMs: finish?.server?.evalMs,
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // `pnpm … <script> -- --flag` passes the `--` through.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      'base-url': { type: 'string' },
      model: { type: 'string', default: 'gemma3:270m' },
      runs: { type: 'string', default: '5' },
      tokens: { type: 'string', default: '96' },
    },
  });
  const runs = Number(values.runs);
  const tokens = Number(values.tokens);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be an integer from 1 to 50');
  if (!Number.isInteger(tokens) || tokens < 2 || tokens > 2048) throw new Error('--tokens must be an integer from 2 to 2048');
  let stop: (() => Promise<void>) | undefined;
  let baseUrl = values['base-url'];
  try {
    if (baseUrl === undefined) {
      // A real Ollama 0.11.4 container with the test models (testcontainers needs TESTCONTAINERS_RYUK_DISABLED and
      // TESTCONTAINERS_HOST_OVERRIDE from the caller: the package.json script sets both).
      const { startOllama } = await import('@samus/test-ollama');
      const started = await startOllama();
      stop = started.stop;
      baseUrl = started.baseUrl;
      console.log(`started Ollama container ${started.containerId.slice(0, 12)} at ${baseUrl}`);
    }
    if (!LOOPBACK.has(new URL(baseUrl).hostname)) throw new Error(`--base-url must be a loopback address, got ${baseUrl}`);
    const before = loadavg();
    const rows = await measureEvalRate({ baseUrl, model: values.model, runs, tokens });
    console.log(`\n## tokens/s through @samus/provider-ollama (native /api/chat) vs Ollama's eval rate, ${values.model}, ${runs} runs of ≤ ${tokens} tokens after 1 warm-up\n`);
    console.log('| run | tokens | finish | client tokens/s | Ollama eval tokens/s | ratio | client first→last ms | Ollama eval ms |\n|---:|---:|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      console.log(
        `| ${row.run} | ${row.tokens ?? '?'} | ${row.finishReason ?? '?'} | ${row.clientTps?.toFixed(1) ?? '?'} | ${row.serverTps?.toFixed(1) ?? '?'} | ${row.ratio?.toFixed(3) ?? '?'} | ${row.clientSpanMs?.toFixed(1) ?? '?'} | ${row.evalMs?.toFixed(1) ?? '?'} |`,
      );
    }
    const ratios = rows.flatMap((row) => (row.ratio === undefined ? [] : [row.ratio]));
    console.log(
      `\nmedian client/server ratio over ${ratios.length} runs: ${median(ratios)?.toFixed(3) ?? '?'} (min ${ratios.length ? Math.min(...ratios).toFixed(3) : '?'}, max ${ratios.length ? Math.max(...ratios).toFixed(3) : '?'}); target ≥ 0.98`,
    );
    console.log(`load average before / after: ${before.map((value) => value.toFixed(2)).join(' / ')} → ${loadavg().map((value) => value.toFixed(2)).join(' / ')} on ${cpus().length} CPUs; Node ${process.version}`);
  } finally {
    if (stop) {
      await stop();
      console.log('container stopped');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
