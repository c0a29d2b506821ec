import { TOKENS, TOKEN_CHARS, WriteMode, createFakeSseServer } from "./fake-sse-server.mjs";
/** Streams `model` and calls `onText` once per text delta. */
type StreamFunction = (model: string, onText: (text: string) => void) => Promise<void>;
/** One benchmarked client. */
interface BenchClient {
  name: string;
  description: string;
  setup(origin: string): StreamFunction;
}
/** The clients, baseline first. */
declare const BENCH_CLIENTS: readonly BenchClient[];
/** What one worker process measures. */
interface WorkerTask {
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
interface WorkerResult {
  /** Client CPU ms per 1,000 chunks, one per measured repetition. */
  cpuPer1k: number[];
  wallMs: number[];
  /** Time to first text delta, ms (TTFT task). */
  ttftMs: number[];
}
/** Runs one client × task in this process (a fresh one per task, started by the orchestrator). */
declare function runWorker(task: WorkerTask): Promise<WorkerResult>;
export { BENCH_CLIENTS, type BenchClient, type StreamFunction, TOKENS, TOKEN_CHARS, type WorkerResult, type WorkerTask, type WriteMode, createFakeSseServer, runWorker };