#!/usr/bin/env node
// Discovery and routing benchmark (issue 6 and 15 targets). Runs on the built packages (the fleet servers load
// src/testing/fleet-server.ts through Node's type stripping, Node >= 22.18):
//   pnpm --filter @samus/discovery... build && node packages/discovery/bench/discovery-bench.mjs [--quick] [--json] [--routing-only]
// Everything stays on loopback; every loop is bounded.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGenerateContentResponse, createKernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
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
let probeKernel;
async function probePlugins() {
  const [{ lmStudioPlugin }, { ollamaPlugin }] = await Promise.all([import('@samus/provider-lmstudio'), import('@samus/provider-ollama')]);
  probeKernel = createKernel({ env: {} }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin);
}

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
  for (const strategy of ['capacity-aware', 'round-robin', 'least-busy', 'lowest-ttft', 'priority']) {
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

// 4. Routing on realistic servers: 3 servers at 1x/2x/4x speed with 1/2/4 slots (a FIFO queue behind them), prompt
// processing proportional to the uncached prompt tokens, a prefix cache, generation speed. 100 concurrent multi-turn
// conversations (closed loop: each sends its next turn when the last one ended; a finished conversation is replaced
// by a new one). The ideal is the fleet's combined capacity: every slot busy all the time, and every turn costing
// only what perfect caching leaves (prompt processing of the new tokens, then generation).
const FLEET = [
  { speed: 1, slots: 1 },
  { speed: 2, slots: 2 },
  { speed: 4, slots: 4 },
];
const BASE = { promptTokensPerSecond: 4_000, tokensPerSecond: 100 };
const WORKLOAD = { conversations: 100, turns: 6, firstPromptWords: 1_500, followUpWords: 40, replyTokens: 32, rampMs: 2_000, cachedPromptsPerSlot: 24, thinkMs: 3_000 };

function startFleet(configs) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./mock-fleet.mjs', import.meta.url)), JSON.stringify(configs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffer = '';
  const waiting = [];
  child.stdout.on('data', (data) => {
    buffer += data;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      waiting.shift()?.resolve(JSON.parse(line));
    }
  });
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`fleet exited with ${code}`));
  });
  const next = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  const command = (line) => {
    const answer = next();
    child.stdin.write(`${line}\n`);
    return answer;
  };
  return next().then((urls) => ({
    urls,
    stats: () => command('stats'),
    reset: () => command('reset'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      }),
  }));
}

let wordSeed = 0;
function words(n) {
  const out = [];
  for (let i = 0; i < n; i += 1) out.push(`x${(wordSeed = (wordSeed * 1103515245 + 12345) % 2147483648) % 50_000}`);
  return out.join(' ');
}

async function conversationLoad(pool, { warmupMs, windowMs, thinkMs }) {
  const { conversations, turns, firstPromptWords, followUpWords, rampMs } = WORKLOAD;
  const stop = new AbortController();
  const started = performance.now();
  const windowStart = started + warmupMs;
  const deadline = windowStart + windowMs;
  const followUpTtft = [];
  let idealSeconds = 0;
  let turnsDone = 0;
  let failed = 0;
  let nextConversation = 0;
  const conversation = async (slot) => {
    await new Promise((resolve) => setTimeout(resolve, (slot * rampMs) / conversations));
    while (performance.now() < deadline) {
      const id = nextConversation++;
      const contents = [{ role: 'user', parts: [{ text: words(firstPromptWords) }] }];
      let previous; // prompt + reply tokens of the last turn, as the server counted them
      for (let turn = 1; turn <= turns && performance.now() < deadline; turn += 1) {
        const sent = performance.now();
        let ttft;
        let text = '';
        let usage;
        // A follow-up sent in the window counts with its TTFT, or — still waiting at the deadline — with the time it
        // waited (so turns stuck behind a slow server's queue are not left out of the figures).
        const counted = turn > 1 && sent >= windowStart;
        try {
          const stream = await pool.generateContentStream({ model: 'fleet-llm', contents, config: { abortSignal: stop.signal } }, `bench-${id}########${turn}`);
          ttft = performance.now() - sent;
          if (counted) followUpTtft.push(ttft);
          for await (const chunk of stream) {
            text += chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? '';
            if (chunk.usageMetadata) usage = chunk.usageMetadata;
          }
        } catch {
          if (!stop.signal.aborted) failed += 1;
          else if (counted && ttft === undefined) followUpTtft.push(deadline - sent);
          break;
        }
        const ended = performance.now();
        if (ended >= windowStart && ended <= deadline && usage) {
          // The work a perfectly cached turn costs on a 1x slot: its new prompt tokens, then its answer.
          const fresh = Math.max(1, usage.promptTokenCount - (previous === undefined ? 0 : previous + 1));
          idealSeconds += fresh / BASE.promptTokensPerSecond + usage.candidatesTokenCount / BASE.tokensPerSecond;
          turnsDone += 1;
        }
        previous = (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0);
        // The agent runs tools / the user reads: a think time between turns (0 in the saturated phase).
        if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(deadline - performance.now(), thinkMs * (0.5 + ((id * 7 + turn * 13) % 11) / 10)))));
        contents.push({ role: 'model', parts: [{ text }] }, { role: 'user', parts: [{ text: words(followUpWords) }] });
      }
    }
  };
  const timer = setTimeout(() => stop.abort(), deadline - performance.now());
  await Promise.all(Array.from({ length: conversations }, (_, slot) => conversation(slot)));
  clearTimeout(timer);
  stop.abort();
  return { idealSeconds, turnsDone, failed, followUpTtft };
}

async function realisticRouting(quick) {
  const configs = FLEET.map(({ speed, slots }) => ({
    slots,
    promptTokensPerSecond: BASE.promptTokensPerSecond * speed,
    tokensPerSecond: BASE.tokensPerSecond * speed,
    replyTokens: WORKLOAD.replyTokens,
    cacheEntries: WORKLOAD.cachedPromptsPerSlot * slots,
  }));
  const capacityUnits = FLEET.reduce((sum, s) => sum + s.speed * s.slots, 0);
  const warmupMs = quick ? 3_000 : 5_000;
  const windowMs = quick ? 5_000 : 12_000;
  const kernel = createKernel({ env: {} }).register(openaiPlugin);
  const results = {};
  // One phase per question: saturated (no think time) for throughput as a share of capacity; then a think time that
  // offers about 60 % of the capacity, for the follow-up TTFT a person sees (no saturation queueing to hide behind).
  const phase = async (strategy, thinkMs) => {
    const fleet = await startFleet(configs); // a fresh fleet per run: cold caches, empty queues
    try {
      const discovery = createDiscovery({ kernel, servers: fleet.urls.map((url) => ({ url, kind: 'openai' })) });
      await discovery.refresh();
      const priorities = Object.fromEntries(fleet.urls.map((url, i) => [url, FLEET[i].speed * FLEET[i].slots]));
      const pool = discovery.createPool({ strategy, priorities });
      const resetAt = setTimeout(() => void fleet.reset(), warmupMs);
      const run = await conversationLoad(pool, { warmupMs, windowMs, thinkMs });
      clearTimeout(resetAt);
      const servers = await fleet.stats();
      if (process.env.SAMUS_BENCH_DEBUG) console.error(strategy, thinkMs, JSON.stringify(pool.routeStats()), JSON.stringify(servers));
      discovery.close();
      const prompt = servers.reduce((sum, s) => sum + s.promptTokens, 0);
      const cached = servers.reduce((sum, s) => sum + s.cachedTokens, 0);
      return { run, servers, cacheHitRate: prompt === 0 ? 0 : cached / prompt };
    } finally {
      await fleet.stop();
    }
  };
  const only = process.argv.find((arg) => arg.startsWith('--strategies='))?.slice('--strategies='.length).split(',');
  for (const strategy of only ?? ['capacity-aware', 'lowest-ttft', 'least-busy', 'round-robin', 'priority']) {
    const saturated = await phase(strategy, 0);
    const paced = await phase(strategy, WORKLOAD.thinkMs);
    const ttft = stats(paced.run.followUpTtft);
    results[strategy] = {
      shareOfCapacity: round(saturated.run.idealSeconds / ((capacityUnits * windowMs) / 1000), 3),
      turnsPerSecond: round(saturated.run.turnsDone / (windowMs / 1000), 1),
      cacheHitRate: round(saturated.cacheHitRate, 3),
      turnsPerServer: Object.fromEntries(saturated.servers.map((s, i) => [`${FLEET[i].speed}x/${FLEET[i].slots}`, s.completed])),
      pacedTurnsPerSecond: round(paced.run.turnsDone / (windowMs / 1000), 1),
      followUpTtftMs: { p50: round(ttft.p50 ?? NaN, 0), p95: round(ttft.p95 ?? NaN, 0), mean: round(paced.run.followUpTtft.reduce((a, b) => a + b, 0) / Math.max(1, paced.run.followUpTtft.length), 0) },
      pacedCacheHitRate: round(paced.cacheHitRate, 3),
      failed: saturated.run.failed + paced.run.failed,
    };
  }
  const rr = results['round-robin']?.followUpTtftMs.p50 ?? NaN;
  for (const r of Object.values(results)) r.followUpTtftVsRoundRobin = round(rr / r.followUpTtftMs.p50, 2);
  return {
    fleet: FLEET,
    base: BASE,
    workload: WORKLOAD,
    warmupMs,
    windowMs,
    capacityUnits,
    goals: { shareOfCapacity: 0.9, followUpTtftVsRoundRobin: 2 },
    results,
  };
}

const routingOnly = process.argv.includes('--routing-only');
const report = { node: process.version, quick };
log(`discovery bench (${quick ? 'quick' : 'full'}${routingOnly ? ', routing only' : ''}), Node ${process.version}`);
if (!routingOnly) {
  await probePlugins();
  report.nothingListening = await nothingListening();
  log(`1. nothing listening (4 addresses): p50 ${round(report.nothingListening.p50)} ms, p95 ${round(report.nothingListening.p95)} ms, max ${round(report.nothingListening.max)} ms (target <= 50 ms)`);
  report.blackHole = await blackHole(200);
  log(`2. black-holed host, 200 ms probe timeout: p50 ${round(report.blackHole.p50)} ms, max ${round(report.blackHole.max)} ms (target <= ${round(report.blackHole.targetMs)} ms)`);
  report.routingOverhead = await routingOverhead();
  for (const [name, r] of Object.entries(report.routingOverhead.strategies)) {
    log(`3. routing overhead, ${name}: ${round(r.overheadMs * 1000)} µs per request (pool ${round(r.pooledMs * 1000)} µs vs direct ${round(r.directMs * 1000)} µs; target <= 100 µs)`);
  }
}
report.realisticRouting = await realisticRouting(quick);
{
  const r = report.realisticRouting;
  log(`4. ${WORKLOAD.conversations} conversations x ${WORKLOAD.turns} turns over servers ${FLEET.map((f) => `${f.speed}x/${f.slots} slot(s)`).join(', ')} (capacity ${r.capacityUnits} slot-speed units; ${r.windowMs / 1000} s measured after ${r.warmupMs / 1000} s warm-up)`);
  log(`   saturated (no think time) | paced (think time ~${WORKLOAD.thinkMs / 1000} s)`);
  log('| strategy | share of capacity | turns/s | cache hits | turns per server (1x/2x/4x) | paced turns/s | follow-up TTFT p50 / p95 / mean (ms) | p50 vs round-robin | paced cache hits | failed |');
  log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, x] of Object.entries(r.results)) {
    const t = x.followUpTtftMs;
    log(`| \`${name}\` | ${round(x.shareOfCapacity * 100, 1)} % | ${x.turnsPerSecond} | ${round(x.cacheHitRate * 100, 1)} % | ${Object.values(x.turnsPerServer).join(' / ')} | ${x.pacedTurnsPerSecond} | ${t.p50} / ${t.p95} / ${t.mean} | ${x.followUpTtftVsRoundRobin}x | ${round(x.pacedCacheHitRate * 100, 1)} % | ${x.failed} |`);
  }
}
if (asJson) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
