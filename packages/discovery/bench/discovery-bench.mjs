#!/usr/bin/env node
// Discovery and routing benchmark (issue 6 targets). Runs on the built packages:
//   pnpm --filter @samus/discovery... build && node packages/discovery/bench/discovery-bench.mjs [--quick] [--json]
// Everything stays on loopback; every loop is bounded.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGenerateContentResponse, createKernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';
import { createDiscovery, HealthMonitor, ModelCatalogue, probeAll, RoutingPool } from '@samus/discovery';

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const log = (text) => {
  if (!asJson) process.stdout.write(`${text}\n`);
};

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}
const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// 1. Discovery with nothing listening (target: <= 50 ms).
/** The plugins discovery probes with (it knows no server kind itself). */
const probeKernel = createKernel({ env: {} }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin);

async function nothingListening() {
  const ports = [await closedPort(), await closedPort()];
  const samples = [];
  for (let i = 0; i < (quick ? 20 : 100); i += 1) {
    const started = performance.now();
    const report = await probeAll({ kernel: probeKernel, env: {}, ports });
    samples.push(performance.now() - started);
    if (report.servers.length > 0) throw new Error('something answered on a closed port');
  }
  return { ...stats(samples), probedAddresses: 4, targetMs: 50 };
}

// 2. A configured black-holed host: accepts TCP, never answers (target: <= probe timeout + 10 %).
async function blackHole(timeoutMs) {
  const sockets = new Set();
  const hole = createServer((socket) => sockets.add(socket));
  await new Promise((resolve) => hole.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${hole.address().port}`;
  const samples = [];
  try {
    for (let i = 0; i < (quick ? 3 : 10); i += 1) {
      const started = performance.now();
      const report = await probeAll({ kernel: probeKernel, env: {}, hosts: [url], ports: [await closedPort()], timeoutMs });
      samples.push(performance.now() - started);
      if (report.outcomes[0].reason !== 'timeout') throw new Error(`expected a timeout, got ${report.outcomes[0].reason}`);
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hole.close(resolve));
  }
  return { ...stats(samples), timeoutMs, targetMs: timeoutMs * 1.1 };
}

// 3. Routing overhead: the pool over three servers with a generator that answers at once, versus the generator alone.
function instantChunk() {
  return createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, index: 0 }] });
}
const instantGenerator = {
  async generateContentStream() {
    return (async function* () {
      yield instantChunk();
    })();
  },
  async generateContent() {
    return instantChunk();
  },
  async countTokens() {
    return { totalTokens: 1 };
  },
  async embedContent() {
    return { embeddings: [] };
  },
};
async function routingOverhead() {
  const urls = ['http://127.0.0.1:1', 'http://127.0.0.1:2', 'http://127.0.0.1:3'];
  const servers = urls.map((url) => ({ kind: 'lm-studio', url, authRequired: false, latencyMs: 0, apis: [], source: 'option', aliases: [] }));
  const catalogue = new ModelCatalogue({ listModels: async () => [{ id: 'bench-llm', aliases: [], kind: 'chat', capabilities: [], loaded: true }] });
  await catalogue.refresh(servers);
  const health = new HealthMonitor({ check: async () => undefined });
  for (const server of servers) health.add(server, 'healthy');
  const result = {};
  const iterations = quick ? 20_000 : 200_000;
  for (const strategy of ['round-robin', 'least-busy', 'lowest-ttft', 'priority']) {
    const pool = new RoutingPool({ catalogue, health, strategy, createGenerator: async () => instantGenerator });
    const request = { model: 'bench-llm', contents: 'hi' };
    const run = async (target) => {
      const started = performance.now();
      for (let i = 0; i < iterations; i += 1) for await (const _ of await target.generateContentStream(request)) void _;
      return (performance.now() - started) / iterations;
    };
    await run(pool); // warm-up
    await run(instantGenerator);
    const direct = [];
    const pooled = [];
    for (let round_ = 0; round_ < 3; round_ += 1) {
      direct.push(await run(instantGenerator));
      pooled.push(await run(pool));
    }
    const d = Math.min(...direct);
    const p = Math.min(...pooled);
    result[strategy] = { directMs: round(d, 5), pooledMs: round(p, 5), overheadMs: round(p - d, 5) };
  }
  return { iterations, targetMs: 0.1, strategies: result };
}

// 4. Latency-aware routing: 100 concurrent streams over mocks with 1x, 2x and 4x injected latency.
async function startMocks(latencies) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./mock-fleet.mjs', import.meta.url)), JSON.stringify(latencies)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const urls = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (data) => {
      buffer += data;
      if (buffer.includes('\n')) resolve(JSON.parse(buffer.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`mock fleet exited with ${code}`)));
  });
  return { urls, stop: () => new Promise((resolve) => {
    child.once('exit', resolve);
    child.stdin.end();
  }) };
}

async function closedLoop(generator, concurrency, durationMs) {
  const deadline = performance.now() + durationMs;
  let completed = 0;
  let failed = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        for await (const _ of await generator.generateContentStream({ model: 'bench-llm', contents: 'hi' })) void _;
        completed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { completed, failed, perSecond: completed / ((performance.now() - started) / 1000) };
}

async function latencyAware(baseLatencyMs, concurrency, durationMs) {
  const latencies = [baseLatencyMs, baseLatencyMs * 2, baseLatencyMs * 4];
  const fleet = await startMocks(latencies);
  try {
    const kernel = createKernel({ env: {} }).register(lmStudioPlugin);
    // Ideal: the mocks have no concurrency limit, so the best any router can do is serve every stream at the
    // fastest server's latency. Measured directly: the same load against the 1x server alone.
    const fastest = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('lm-studio', { baseUrl: fleet.urls[0], model: 'bench-llm', maxRetries: 0 }));
    await closedLoop(fastest, concurrency, 500);
    const idealBefore = await closedLoop(fastest, concurrency, durationMs);
    const results = {};
    for (const strategy of ['lowest-ttft', 'least-busy', 'round-robin']) {
      const discovery = createDiscovery({ kernel, servers: fleet.urls.map((url) => ({ url, kind: 'lm-studio' })) });
      await discovery.refresh();
      const pool = discovery.createPool({ strategy });
      await closedLoop(pool, concurrency, 500);
      const before = new Map(pool.routeStats().map((s) => [s.url, s.requests]));
      const run = await closedLoop(pool, concurrency, durationMs);
      const share = Object.fromEntries(
        pool.routeStats().map((s) => [`${latencies[fleet.urls.indexOf(s.url)]}ms`, s.requests - (before.get(s.url) ?? 0)]),
      );
      results[strategy] = { perSecond: round(run.perSecond, 1), failed: run.failed, requestsPerServer: share };
      discovery.close();
    }
    // The machine may be shared: measure the ideal before and after, and compare against the better of the two.
    const idealAfter = await closedLoop(fastest, concurrency, durationMs);
    const ideal = Math.max(idealBefore.perSecond, idealAfter.perSecond);
    for (const r of Object.values(results)) r.ratioToIdeal = round(r.perSecond / ideal, 3);
    results.ideal = { perSecond: round(ideal, 1), before: round(idealBefore.perSecond, 1), after: round(idealAfter.perSecond, 1) };
    return { latenciesMs: latencies, concurrency, durationMs, target: 'lowest-ttft ratioToIdeal >= 0.9', results };
  } finally {
    await fleet.stop();
  }
}

const report = { node: process.version, quick };
log(`discovery bench (${quick ? 'quick' : 'full'}), Node ${process.version}`);
report.nothingListening = await nothingListening();
log(`1. nothing listening (4 addresses): p50 ${round(report.nothingListening.p50)} ms, p95 ${round(report.nothingListening.p95)} ms, max ${round(report.nothingListening.max)} ms (target <= 50 ms)`);
report.blackHole = await blackHole(200);
log(`2. black-holed host, 200 ms probe timeout: p50 ${round(report.blackHole.p50)} ms, max ${round(report.blackHole.max)} ms (target <= ${round(report.blackHole.targetMs)} ms)`);
report.routingOverhead = await routingOverhead();
for (const [name, r] of Object.entries(report.routingOverhead.strategies)) {
  log(`3. routing overhead, ${name}: ${round(r.overheadMs * 1000)} µs per request (pool ${round(r.pooledMs * 1000)} µs vs direct ${round(r.directMs * 1000)} µs; target <= 100 µs)`);
}
report.latencyAware = await latencyAware(quick ? 20 : 40, 100, quick ? 2_000 : 6_000);
for (const [name, r] of Object.entries(report.latencyAware.results)) {
  log(`4. ${name}: ${r.perSecond} streams/s${r.ratioToIdeal === undefined ? '' : ` = ${round(r.ratioToIdeal * 100, 1)}% of ideal, per server ${JSON.stringify(r.requestsPerServer)}`}${r.failed ? `, ${r.failed} failed` : ''}`);
}
if (asJson) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
