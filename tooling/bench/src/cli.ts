import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_CLIENTS } from './bench-clients.js';
import { runWorker, type WorkerResult, type WorkerTask } from './run-worker.js';

const here = fileURLToPath(import.meta.url);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function runInChild(task: WorkerTask, timeoutMs: number, profileDir?: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // --cpu-prof-dir: each worker writes a V8 CPU profile named after its client, task and mode (baselines too).
    const execArgv = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${task.client}-${task.task}-${task.mode}-${Date.now()}.cpuprofile`];
    const child = fork(here, ['--worker', JSON.stringify(task)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${task.client} ${task.task} ${task.mode} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (message: { ok: boolean; result?: WorkerResult; error?: string }) => {
      clearTimeout(timer);
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(message.error ?? 'worker failed'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`worker exited with ${code}`));
    });
  });
}

function startServer(): Promise<{ origin: string; child: ChildProcess }> {
  const child = fork(new URL('./fake-sse-server.mjs', import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ origin: `http://127.0.0.1:${message.port}`, child }));
    child.once('error', reject);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // `pnpm … <script> -- --flag` passes the `--` through.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      n: { type: 'string', default: '20000' },
      rounds: { type: 'string', default: '5' },
      reps: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '4' },
      ttft: { type: 'string', default: '200' },
      modes: { type: 'string', default: 'batch,event' },
      clients: { type: 'string', default: BENCH_CLIENTS.map((client) => client.name).join(',') },
      'cpu-prof-dir': { type: 'string' },
    },
  });
  const n = Number(values.n);
  const rounds = Number(values.rounds);
  const reps = Number(values.reps);
  const requested = values.clients.split(',').filter((name) => name !== '');
  for (const name of requested) if (!BENCH_CLIENTS.some((client) => client.name === name)) throw new Error(`unknown client ${name}; known: ${BENCH_CLIENTS.map((client) => client.name).join(', ')}`);
  // Each client's baseline runs too (raw-fetch always), baselines first.
  const baselineOf = (name: string): string => BENCH_CLIENTS.find((client) => client.name === name)?.baseline ?? name;
  const wanted = new Set(['raw-fetch', ...requested, ...requested.map(baselineOf)]);
  const clients = BENCH_CLIENTS.map((client) => client.name).filter((name) => wanted.has(name));
  const modes = values.modes.split(',') as Array<'batch' | 'event'>;
  const { origin, child } = await startServer();
  try {
    console.log(
      `## @samus/bench: streaming client cost, Node ${process.version}, N = ${n.toLocaleString('en')} chunks; ${rounds} rounds, each running every client in a fresh process (${values.warmup} warm-ups + ${reps} measured streams); ratios are medians of per-round ratios to each client's baseline (raw-fetch for SSE, raw-fetch-ndjson for Ollama's native NDJSON)\n`,
    );
    for (const mode of modes) {
      const cpu = new Map<string, number[]>(clients.map((name) => [name, []]));
      const ratios = new Map<string, number[]>(clients.map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        const perRound = new Map<string, number>();
        for (const name of clients) {
          const result = await runInChild({ client: name, task: 'stream', origin, n, mode, reps, warmup: Number(values.warmup), count: 0 }, 300_000, values['cpu-prof-dir']);
          perRound.set(name, median(result.cpuPer1k));
        }
        for (const name of clients) {
          cpu.get(name)!.push(perRound.get(name)!);
          ratios.get(name)!.push(perRound.get(name)! / perRound.get(baselineOf(name))!);
        }
      }
      console.log(`### server writes: \`${mode}\`\n\n| client | client CPU ms / 1k chunks, median | ratio to baseline, median (min–max) | baseline |\n|---|---:|---:|---|`);
      for (const name of clients) {
        const list = ratios.get(name)!;
        console.log(`| ${name} | ${median(cpu.get(name)!).toFixed(2)} | ${median(list).toFixed(2)}× (${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)}) | ${baselineOf(name) === name ? '—' : baselineOf(name)} |`);
      }
      console.log('');
    }
    const count = Number(values.ttft);
    if (count > 0) {
      const ttft = new Map<string, number[]>(clients.map((name) => [name, []]));
      const ratios = new Map<string, number[]>(clients.map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        const perRound = new Map<string, number>();
        for (const name of clients) {
          const result = await runInChild({ client: name, task: 'ttft', origin, n: 1, mode: 'event', reps: 0, warmup: 0, count }, 300_000, values['cpu-prof-dir']);
          perRound.set(name, median(result.ttftMs));
        }
        for (const name of clients) {
          ttft.get(name)!.push(perRound.get(name)!);
          ratios.get(name)!.push(perRound.get(name)! / perRound.get(baselineOf(name))!);
        }
      }
      console.log(`### time to first chunk: ${count} sequential N = 1 requests per round after 20 warm-ups (keep-alive)\n\n| client | TTFT ms, median | ratio to baseline, median (min–max) | baseline |\n|---|---:|---:|---|`);
      for (const name of clients) {
        const list = ratios.get(name)!;
        console.log(`| ${name} | ${median(ttft.get(name)!).toFixed(3)} | ${median(list).toFixed(2)}× (${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)}) | ${baselineOf(name) === name ? '—' : baselineOf(name)} |`);
      }
    }
    console.log(`\nload average at the end: ${loadavg().map((value) => value.toFixed(2)).join(' / ')} on ${cpus().length} CPUs`);
  } finally {
    child.kill();
  }
}

if (process.argv[2] === '--worker') {
  const task = JSON.parse(process.argv[3] ?? '{}') as WorkerTask;
  runWorker(task).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
