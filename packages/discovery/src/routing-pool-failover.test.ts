import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectText, failure } from '@samus/test-server';
import { createKernel, SamusEvents, type ModelInfo } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import type { CatalogueModel } from './catalogue-model.js';
import type { DiscoveredServer } from './discovered-server.js';
import { createDiscovery, type CreatePoolOptions, type Discovery } from './discovery.js';
import type { RouteFailoverEvent } from './discovery-events.js';
import { DiscoveryEvents } from './discovery-events.js';
import { HealthMonitor } from './health-monitor.js';
import { MetricsStore } from './metrics-store.js';
import { ModelCatalogue } from './model-catalogue.js';
import { RoutingPool, type RoutingPoolOptions } from './routing-pool.js';
import { startFleetServer, type FleetServer } from './testing/fleet-server.js';
import { startTestServer, type TestServer } from './testing/http-test-server.js';
import { ScriptedGenerator } from './testing/scripted-generator.js';

// The failover deadline before the first token: a server that accepts the request and never answers costs the
// deadline, not the generators' whole `firstByteMs`, while another server is left.

/** An OpenAI-compatible server that lists model `m` and accepts chat requests without ever answering them. */
async function startHungServer(): Promise<TestServer & { requests: number; closed: number }> {
  const counts = { requests: 0, closed: 0 };
  const server = await startTestServer((request, response) => {
    if (request.method === 'GET' && request.url === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'm', object: 'model' }] }));
      return;
    }
    if (request.method === 'POST' && request.url === '/v1/chat/completions') {
      counts.requests += 1;
      request.resume();
      request.socket.once('close', () => (counts.closed += 1));
      return; // never answers
    }
    response.writeHead(404).end();
  });
  return {
    ...server,
    get requests() {
      return counts.requests;
    },
    get closed() {
      return counts.closed;
    },
  };
}

describe('RoutingPool failover deadline on real loopback servers', () => {
  const open: { discovery: Discovery; servers: { close(): Promise<void> }[] }[] = [];
  afterEach(async () => {
    for (const entry of open.splice(0)) {
      entry.discovery.close();
      await Promise.all(entry.servers.map((s) => s.close()));
    }
  });

  /** A pool over `hungCount` hung servers (tried first) and, with `healthy`, one fleet server. */
  async function fleet(hungCount: number, healthy: boolean, options: CreatePoolOptions) {
    const hung = await Promise.all(Array.from({ length: hungCount }, () => startHungServer()));
    const good: FleetServer[] = healthy ? [await startFleetServer({ model: 'm', tokensPerSecond: 1_000 })] : [];
    const kernel = createKernel({ env: {} }).register(openaiPlugin);
    const urls = [...hung.map((s) => s.url), ...good.map((s) => s.url)];
    const discovery = createDiscovery({ kernel, servers: urls.map((url) => ({ url, kind: 'openai' })) });
    open.push({ discovery, servers: [...hung, ...good] });
    await discovery.refresh();
    const failovers: RouteFailoverEvent[] = [];
    discovery.events.on('route:failover', (e) => failovers.push(e));
    const priorities = Object.fromEntries(urls.map((url, i) => [url, urls.length - i]));
    const pool = discovery.createPool({ strategy: 'priority', priorities, ...options });
    return { hung, good: good[0], discovery, pool, failovers };
  }

  it('a stream moves from a server that never answers to a healthy one after failoverAfterMs, closing the hung connection', async () => {
    const { hung, good, discovery, pool, failovers } = await fleet(1, true, { failoverAfterMs: 200, timeouts: { firstByteMs: 20_000 } });
    const started = performance.now();
    const text = await collectText(pool.generateContentStream({ model: 'm', contents: 'hello there' }));
    const elapsed = performance.now() - started;
    expect(text.length).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeLessThan(5_000);
    expect(hung[0]!.requests).toBe(1);
    expect(good!.stats().completed).toBe(1);
    await vi.waitFor(() => expect(hung[0]!.closed).toBe(1), { timeout: 2_000 });
    expect(failovers).toEqual([{ model: 'm', url: hung[0]!.url, reason: 'deadline', code: 'SAMUS_ERR_TIMEOUT', waitedMs: expect.any(Number), failoverAfterMs: 200 }]);
    expect(failovers[0]!.waitedMs).toBeGreaterThanOrEqual(180);
    expect(discovery.health.snapshot().find((h) => h.url === hung[0]!.url)?.consecutiveFailures).toBe(1);
    await vi.waitFor(() => expect(discovery.metrics.get(hung[0]!.url, 'm')).toMatchObject({ errors: 1, inFlight: 0 }), { timeout: 2_000 });
  });

  it('generateContent fails over the same way', async () => {
    const { hung, good, pool, failovers } = await fleet(1, true, { failoverAfterMs: 200, timeouts: { firstByteMs: 20_000 } });
    const started = performance.now();
    const response = await pool.generateContent({ model: 'm', contents: 'hello there' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(response.candidates?.[0]?.content?.parts?.[0]?.text).toBeTruthy();
    expect(good!.stats().completed).toBe(1);
    await vi.waitFor(() => expect(hung[0]!.closed).toBe(1), { timeout: 2_000 });
    expect(failovers.map((e) => [e.url, e.reason])).toEqual([[hung[0]!.url, 'deadline']]);
  });

  it('with no other candidate, waits the full firstByteMs instead of failing at the deadline', async () => {
    const { hung, pool, failovers } = await fleet(1, false, { failoverAfterMs: 100, timeouts: { firstByteMs: 700 } });
    const started = performance.now();
    const error = await failure(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(5_000);
    expect(error.code).toBe('SAMUS_ERR_NO_HEALTHY_SERVER');
    expect(error.details.failures).toEqual([{ url: hung[0]!.url, code: 'SAMUS_ERR_TIMEOUT', message: expect.any(String) }]);
    expect(failovers).toEqual([]);
  });

  it('cuts every hung server but the last short; when all fail, the coded error lists each', async () => {
    const { hung, pool, failovers } = await fleet(2, false, { failoverAfterMs: 150, timeouts: { firstByteMs: 700 } });
    const started = performance.now();
    const error = await failure(pool.generateContent({ model: 'm', contents: 'hi' }));
    const elapsed = performance.now() - started;
    // 150 ms on the first, then the second's whole 700 ms.
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(5_000);
    expect(error.code).toBe('SAMUS_ERR_NO_HEALTHY_SERVER');
    expect(error.details.failures).toEqual([
      { url: hung[0]!.url, code: 'SAMUS_ERR_TIMEOUT', message: expect.stringContaining('failover deadline') },
      { url: hung[1]!.url, code: 'SAMUS_ERR_TIMEOUT', message: expect.any(String) },
    ]);
    expect(failovers.map((e) => e.url)).toEqual([hung[0]!.url]);
  });

  it("the caller's abort during the wait ends the request at once with SAMUS_ERR_ABORTED (no failover)", async () => {
    const { hung, good, pool, failovers, discovery } = await fleet(1, true, { failoverAfterMs: 10_000, timeouts: { firstByteMs: 20_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const error = await failure(pool.generateContentStream({ model: 'm', contents: 'hi', config: { abortSignal: controller.signal } }));
    expect(error.code).toBe('SAMUS_ERR_ABORTED');
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(good!.stats().requests).toBe(0);
    expect(failovers).toEqual([]);
    await vi.waitFor(() => expect(hung[0]!.closed).toBe(1), { timeout: 2_000 });
    expect(discovery.health.snapshot().find((h) => h.url === hung[0]!.url)?.consecutiveFailures ?? 0).toBe(0);
  });
});

const A = 'http://127.0.0.1:1001';
const B = 'http://127.0.0.1:1002';

/** A pool over scripted generators (A tried first), with a metrics store fed by a kernel bus. */
async function scripted(options: Partial<RoutingPoolOptions> = {}, loaded = true) {
  const discovered: DiscoveredServer[] = [A, B].map((url) => ({ kind: 'ollama', url, authRequired: false, latencyMs: 0, apis: [], source: 'option', aliases: [] }));
  const catalogue = new ModelCatalogue({ listModels: async () => [{ id: 'm', aliases: [], kind: 'chat', capabilities: [], loaded } as ModelInfo] });
  await catalogue.refresh(discovered);
  const health = new HealthMonitor({ check: async () => undefined });
  for (const server of discovered) health.add(server, 'healthy');
  const generators = new Map([A, B].map((url) => [url, new ScriptedGenerator(url)]));
  const bus = new SamusEvents();
  const metrics = new MetricsStore();
  metrics.attach(bus);
  const events = new DiscoveryEvents();
  const failovers: RouteFailoverEvent[] = [];
  events.on('route:failover', (e) => failovers.push(e));
  const pool = new RoutingPool({
    catalogue,
    health,
    events,
    metrics,
    strategy: 'priority',
    priorities: { [A]: 1 },
    createGenerator: async (model: CatalogueModel) => generators.get(model.server)!,
    ...options,
  });
  /** Records `count` finished requests on A with this time to first token (and duration). */
  const measured = (count: number, ttftMs: number, durationMs = ttftMs): void => {
    for (let i = 0; i < count; i += 1) bus.emit('response:finish', { provider: 'ollama', model: 'm', baseUrl: `${A}/v1`, requestId: `r${i}`, durationMs, ttftMs });
  };
  return { pool, gen: (url: string) => generators.get(url)!, failovers, measured };
}

describe('RoutingPool failover deadline: the adaptive default', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Streams while A hangs; returns how long (fake ms) it took B to be asked, or undefined when it was not within `maxMs`. */
  async function failoverAt(pool: RoutingPool, gen: (url: string) => ScriptedGenerator, maxMs: number, stepMs = 500): Promise<number | undefined> {
    gen(A).script = { delayMs: 10_000_000 };
    const pending = collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    pending.catch(() => undefined);
    for (let t = stepMs; t <= maxMs; t += stepMs) {
      await vi.advanceTimersByTimeAsync(stepMs);
      if (gen(B).calls.length > 0) {
        expect(await pending).toBe('Hello');
        return t;
      }
    }
    return undefined;
  }

  it('waits 60 s while nothing was measured', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pool, gen, failovers } = await scripted();
    expect(await failoverAt(pool, gen, 120_000)).toBe(60_000);
    expect(failovers).toMatchObject([{ url: A, reason: 'deadline', failoverAfterMs: 60_000 }]);
  });

  it('allows 4 × the p95 time to first token once 5 samples are known (the metrics store)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pool, gen, failovers, measured } = await scripted();
    measured(5, 5_000);
    expect(await failoverAt(pool, gen, 120_000)).toBe(20_000);
    expect(failovers).toMatchObject([{ url: A, failoverAfterMs: 20_000 }]);
  });

  it('uses a whole answer’s p95 for generateContent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pool, gen, failovers, measured } = await scripted();
    measured(5, 1_000, 7_500);
    gen(A).script = { delayMs: 10_000_000 };
    const pending = pool.generateContent({ model: 'm', contents: 'hi' });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(gen(B).calls.length).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await pending).candidates?.[0]?.content?.parts?.[0]?.text).toBe(`Hello from ${B}`);
    expect(failovers).toMatchObject([{ url: A, failoverAfterMs: 30_000 }]);
  });

  it('never goes below 10 s for a fast server, and learns from the pool’s own samples without a metrics store', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pool, gen, failovers } = await scripted({ metrics: undefined });
    for (let i = 0; i < 5; i += 1) await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' })); // fast first tokens on A
    expect(gen(B).calls.length).toBe(0);
    expect(await failoverAt(pool, gen, 120_000)).toBe(10_000);
    expect(failovers).toMatchObject([{ url: A, failoverAfterMs: 10_000 }]);
  });

  it('stays within firstByteMs: a deadline beyond it is no deadline (the generator’s own limit applies)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pool, gen, failovers, measured } = await scripted({ firstByteMs: 15_000 });
    measured(5, 5_000); // 4 × 5 s = 20 s > 15 s
    expect(await failoverAt(pool, gen, 60_000)).toBeUndefined();
    expect(failovers).toEqual([]);
  });

  it('gives a model that is not loaded (it may be loading) the whole wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pool, gen, failovers } = await scripted({}, false);
    gen(A).script = { delayMs: 200_000 };
    const pending = collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    await vi.advanceTimersByTimeAsync(201_000);
    expect(await pending).toBe('Hello');
    expect([gen(A).calls.length, gen(B).calls.length]).toEqual([1, 0]);
    expect(failovers).toEqual([]);
  });

  it('failoverAfterMs: 0 turns the deadline off; an explicit value applies as is', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const off = await scripted({ failoverAfterMs: 0 });
    expect(await failoverAt(off.pool, off.gen, 120_000, 5_000)).toBeUndefined();
    const fixed = await scripted({ failoverAfterMs: 1_500 }, false);
    expect(await failoverAt(fixed.pool, fixed.gen, 10_000)).toBe(1_500);
  });
});
