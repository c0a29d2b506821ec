import { BENCH_CLIENTS } from './bench-clients.js';
import { TOKEN_CHARS } from './fake-sse-server.js';

/** What one worker process measures. */
export interface WorkerTask {
  client: string;
  task: 'stream' | 'ttft';
  origin: string;
  n: number;
  mode: 'batch' | 'event';
  reps: number;
  warmup: number;
  count: number;
}

/** What a worker reports. */
export interface WorkerResult {
  /** Client CPU ms per 1,000 chunks, one per measured repetition. */
  cpuPer1k: number[];
  wallMs: number[];
  /** Time to first text delta, ms (TTFT task). */
  ttftMs: number[];
}

/** Runs one client × task in this process (a fresh one per task, started by the orchestrator). */
export async function runWorker(task: WorkerTask): Promise<WorkerResult> {
  const client = BENCH_CLIENTS.find((candidate) => candidate.name === task.client);
  if (!client) throw new Error(`unknown client ${task.client}`);
  const stream = client.setup(task.origin);
  let chunks = 0;
  let chars = 0;
  let firstAt = 0;
  const onText = (text: string): void => {
    if (chunks++ === 0) firstAt = performance.now();
    chars += text.length;
  };
  const once = async (model: string, n: number): Promise<{ cpuMs: number; wallMs: number; ttftMs: number }> => {
    chunks = 0;
    chars = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await stream(model, onText);
    const ended = performance.now();
    const used = process.cpuUsage(cpu);
    if (chunks !== n || chars !== n * TOKEN_CHARS) throw new Error(`${task.client}: expected ${n} chunks / ${n * TOKEN_CHARS} chars, got ${chunks} / ${chars}`);
    return { cpuMs: (used.user + used.system) / 1000, wallMs: ended - started, ttftMs: firstAt - started };
  };
  const result: WorkerResult = { cpuPer1k: [], wallMs: [], ttftMs: [] };
  if (task.task === 'stream') {
    const model = `chunks-${task.n}-${task.mode}`;
    for (let i = 0; i < task.warmup; i++) await once(model, task.n);
    for (let i = 0; i < task.reps; i++) {
      const run = await once(model, task.n);
      result.cpuPer1k.push((run.cpuMs / task.n) * 1000);
      result.wallMs.push(run.wallMs);
    }
  } else {
    const model = 'chunks-1-event';
    for (let i = 0; i < 20; i++) await once(model, 1);
    for (let i = 0; i < task.count; i++) {
      const run = await once(model, 1);
      result.ttftMs.push(run.ttftMs);
      result.wallMs.push(run.wallMs);
    }
  }
  return result;
}
