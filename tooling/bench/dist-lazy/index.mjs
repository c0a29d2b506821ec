import { n as BENCH_CLIENTS, t as runWorker } from "./run-worker-BLXAMVyr.mjs";
import { TOKENS, TOKEN_CHARS, createFakeSseServer } from "./fake-sse-server.mjs";
export { BENCH_CLIENTS, TOKENS, TOKEN_CHARS, createFakeSseServer, runWorker };
