import { fork, type ChildProcess } from 'node:child_process';
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

function runInChild(task: WorkerTask, timeoutMs: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(here, ['--worker', JSON.stringify(task)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

const ratio = (value: number, base: number): string => `${value.toFixed(2)} (${(value / base).toFixed(2)}×)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '20000' },
      reps: { type: 'string', default: '7' },
      warmup: { type: 'string', default: '2' },
      ttft: { type: 'string', default: '200' },
      modes: { type: 'string', default: 'batch,event' },
      clients: { type: 'string', default: BENCH_CLIENTS.map((client) => client.name).join(',') },
    },
  });
  const n = Number(values.n);
  const clients = ['raw-fetch', ...values.clients.split(',').filter((name) => name !== 'raw-fetch')];
  const modes = values.modes.split(',') as Array<'batch' | 'event'>;
  const { origin, child } = await startServer();
  try {
    console.log(`## @samus/bench: streaming client cost, Node ${process.version}, N = ${n.toLocaleString('en')} chunks × ${values.reps} reps (${values.warmup} warm-ups), one fresh process per client and task\n`);
    for (const mode of modes) {
      const rows: Array<{ name: string; cpu: number; wall: number }> = [];
      for (const name of clients) {
        const result = await runInChild({ client: name, task: 'stream', origin, n, mode, reps: Number(values.reps), warmup: Number(values.warmup), count: 0 }, 300_000);
        rows.push({ name, cpu: median(result.cpuPer1k), wall: median(result.wallMs) });
      }
      const base = rows[0]!;
      console.log(`### server writes: \`${mode}\`\n\n| client | client CPU ms / 1k chunks (ratio to raw-fetch) | wall median ms |\n|---|---:|---:|`);
      for (const row of rows) console.log(`| ${row.name} | ${ratio(row.cpu, base.cpu)} | ${row.wall.toFixed(1)} |`);
      console.log('');
    }
    const count = Number(values.ttft);
    if (count > 0) {
      const rows: Array<{ name: string; ttft: number }> = [];
      for (const name of clients) {
        const result = await runInChild({ client: name, task: 'ttft', origin, n: 1, mode: 'event', reps: 0, warmup: 0, count }, 300_000);
        rows.push({ name, ttft: median(result.ttftMs) });
      }
      const base = rows[0]!;
      console.log(`### time to first chunk, ${count} sequential N = 1 requests after 20 warm-ups (keep-alive)\n\n| client | TTFT median ms (ratio to raw-fetch) |\n|---|---:|`);
      for (const row of rows) console.log(`| ${row.name} | ${row.ttft.toFixed(3)} (${(row.ttft / base.ttft).toFixed(2)}×) |`);
    }
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
