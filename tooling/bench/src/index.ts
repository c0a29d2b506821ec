export { BENCH_CLIENTS, type BenchClient, type StreamFunction } from './bench-clients.js';
export { createFakeSseServer, TOKEN_CHARS, TOKENS, type WriteMode } from './fake-sse-server.js';
export { runWorker, type WorkerResult, type WorkerTask } from './run-worker.js';
