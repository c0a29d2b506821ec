// Child process of discovery-bench.mjs: starts mock LM Studio servers with the given injected latencies, prints
// their URLs as one JSON line, and stays up until its stdin closes (so the parent's CPU is not shared with them).
import { startMockLMStudio } from '@samus/mock-lmstudio';

const latencies = JSON.parse(process.argv[2] ?? '[]');
const model = process.argv[3] ?? 'bench-llm';
const mocks = await Promise.all(
  latencies.map((latencyMs) =>
    startMockLMStudio({
      models: [{ id: model, type: 'llm', loaded: true }],
      replies: () => ({ content: 'ok', chunks: ['ok'] }),
      faults: latencyMs > 0 ? { latencyMs, paths: ['/v1/chat/completions'] } : undefined,
    }),
  ),
);
process.stdout.write(`${JSON.stringify(mocks.map((m) => m.url))}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await Promise.all(mocks.map((m) => m.close()));
  process.exit(0);
});
