import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKernel, SamusError, type Kernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { startMockLMStudio, type MockLMStudio, type MockModel } from '@samus/mock-lmstudio';
import { createDiscovery, type Discovery } from './discovery.js';
import { createPoolPlugin, POOL_AUTH_TYPE } from './pool-plugin.js';
import type { RoutingStrategyName } from './routing-strategy.js';
import { closedPort, openAILikeHandler, startTestServer } from './testing/http-test-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MODEL = 'qwen2.5-7b-instruct';

async function mockServer(options: { latencyMs?: number; models?: MockModel[]; content?: string } = {}): Promise<MockLMStudio> {
  const mock = await startMockLMStudio({
    models: options.models ?? [{ id: MODEL, type: 'llm', loaded: true }],
    replies: () => ({ content: options.content ?? 'one two three', chunks: ['one', ' two', ' three'] }),
    ...(options.latencyMs ? { faults: { latencyMs: options.latencyMs, paths: ['/v1/chat/completions'] } } : {}),
  });
  cleanups.push(() => mock.close());
  return mock;
}

function fleet(mocks: MockLMStudio[], extra: Parameters<typeof createDiscovery>[0] = {}): { kernel: Kernel; discovery: Discovery } {
  const kernel = createKernel({ env: {} }).register(lmStudioPlugin);
  const discovery = createDiscovery({
    kernel,
    env: {},
    hosts: mocks.map((m) => m.url),
    ports: [],
    health: { breaker: { failureThreshold: 2, cooldownMs: 60_000 } },
    ...extra,
  });
  cleanups.push(() => discovery.close());
  return { kernel, discovery };
}

async function text(stream: Promise<AsyncGenerator<{ text?: string | undefined }>>): Promise<string> {
  let out = '';
  for await (const chunk of await stream) out += chunk.text ?? '';
  return out;
}

async function routeCounts(discovery: Discovery, mocks: MockLMStudio[], strategy: RoutingStrategyName, requests: number, concurrency: number, priorities?: Record<string, number>): Promise<number[]> {
  const pool = discovery.createPool({ strategy, ...(priorities ? { priorities } : {}) });
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < requests) {
      started += 1;
      expect(await text(pool.generateContentStream({ model: MODEL, contents: 'hi' }))).toBe('one two three');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const byUrl = new Map(pool.routeStats().map((s) => [s.url, s.requests]));
  return mocks.map((m) => byUrl.get(m.url) ?? 0);
}

describe('createDiscovery against mock LM Studio servers', () => {
  it('finds the servers, catalogues their models and reports what was probed', async () => {
    const a = await mockServer();
    const b = await mockServer({ models: [{ id: MODEL, type: 'llm' }, { id: 'nomic-embed', type: 'embeddings' }] });
    const { discovery } = fleet([a, b]);
    const report = await discovery.refresh();
    expect(report.servers.map((s) => s.kind)).toEqual(['lm-studio', 'lm-studio']);
    expect(discovery.servers().map((s) => s.url)).toEqual([a.url, b.url]);
    expect(discovery.catalogue.models().map((m) => [m.server, m.id, m.kind, m.loaded])).toEqual([
      [a.url, MODEL, 'chat', true],
      [b.url, MODEL, 'chat', false],
      [b.url, 'nomic-embed', 'embedding', false],
    ]);
    expect(discovery.catalogue.find(MODEL)).toHaveLength(2);
    expect(discovery.healthSnapshot().map((h) => h.state)).toEqual(['healthy', 'healthy']);
  });

  it('catalogues a generic OpenAI-compatible server through /v1/models', async () => {
    const server = await startTestServer(openAILikeHandler({ models: ['llama-3.1-8b', 'bge-embed'] }));
    cleanups.push(() => server.close());
    const kernel = createKernel({ env: {} }).register(lmStudioPlugin).register(openaiPlugin);
    const discovery = createDiscovery({ kernel, env: {}, hosts: [server.url], ports: [] });
    cleanups.push(() => discovery.close());
    await discovery.refresh();
    expect(discovery.catalogue.models().map((m) => [m.id, m.kind, m.serverKind])).toEqual([
      ['llama-3.1-8b', 'unknown', 'openai'],
      ['bge-embed', 'embedding', 'openai'],
    ]);
  });

  it('round-robin: requests are shared out in turn', async () => {
    const mocks = [await mockServer(), await mockServer(), await mockServer()];
    const { discovery } = fleet(mocks);
    await discovery.refresh();
    expect(await routeCounts(discovery, mocks, 'round-robin', 12, 1)).toEqual([4, 4, 4]);
  });

  it('lowest-ttft: after one exploratory request each, the fastest server takes the traffic', async () => {
    const mocks = [await mockServer({ latencyMs: 60 }), await mockServer(), await mockServer({ latencyMs: 120 })];
    const { discovery } = fleet(mocks);
    await discovery.refresh();
    const counts = await routeCounts(discovery, mocks, 'lowest-ttft', 15, 1);
    expect(counts).toEqual([1, 13, 1]);
  });

  it('least-busy: with concurrent load the server that frees up first gets more requests', async () => {
    const mocks = [await mockServer({ latencyMs: 80 }), await mockServer()];
    const { discovery } = fleet(mocks);
    await discovery.refresh();
    const [slow, fast] = await routeCounts(discovery, mocks, 'least-busy', 24, 4);
    expect(slow! + fast!).toBe(24);
    expect(fast!).toBeGreaterThan(slow!);
  });

  it('priority: the highest priority server takes everything while healthy', async () => {
    const mocks = [await mockServer(), await mockServer()];
    const { discovery } = fleet(mocks);
    await discovery.refresh();
    expect(await routeCounts(discovery, mocks, 'priority', 6, 2, { [mocks[1]!.url]: 5 })).toEqual([0, 6]);
  });

  it('prefers the server where the model is loaded', async () => {
    const mocks = [await mockServer({ models: [{ id: MODEL, type: 'llm' }] }), await mockServer()];
    const { discovery } = fleet(mocks);
    await discovery.refresh();
    expect(await routeCounts(discovery, mocks, 'round-robin', 6, 1)).toEqual([0, 6]);
  });

  it('fails over a server answering 500 without the caller noticing, and opens its breaker', async () => {
    const broken = await mockServer();
    broken.setFaults({ status: 500, paths: ['/v1/chat/completions'] });
    const good = await mockServer();
    const { discovery } = fleet([broken, good]);
    await discovery.refresh();
    const pool = discovery.createPool({ strategy: 'priority', priorities: { [broken.url]: 9 } });
    for (let i = 0; i < 3; i += 1) expect(await text(pool.generateContentStream({ model: MODEL, contents: 'hi' }))).toBe('one two three');
    expect(discovery.health.state(broken.url)).toBe('unhealthy');
    expect(broken.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('ends a stream cut after its first chunk with SAMUS_ERR_STREAM_INTERRUPTED and the partial text', async () => {
    const cut = await mockServer();
    cut.setFaults({ disconnectAfterChunks: 2, paths: ['/v1/chat/completions'] });
    const other = await mockServer();
    const { discovery } = fleet([cut, other]);
    await discovery.refresh();
    const pool = discovery.createPool({ strategy: 'priority', priorities: { [cut.url]: 9 } });
    let seen = '';
    let failure: unknown;
    try {
      for await (const chunk of await pool.generateContentStream({ model: MODEL, contents: 'hi' })) seen += chunk.text ?? '';
    } catch (error) {
      failure = error;
    }
    expect(SamusError.is(failure, 'SAMUS_ERR_STREAM_INTERRUPTED')).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect((failure as SamusError).details).toMatchObject({ server: cut.url, partialText: seen });
    expect(other.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
  });

  it('fails with SAMUS_ERR_NO_HEALTHY_SERVER when the only server is gone', async () => {
    const mock = await mockServer();
    const { discovery } = fleet([mock]);
    await discovery.refresh();
    await mock.close();
    const pool = discovery.createPool();
    const first = await text(pool.generateContentStream({ model: MODEL, contents: 'hi' })).catch((error: unknown) => error);
    expect(SamusError.is(first, 'SAMUS_ERR_SERVER_NOT_RUNNING') || SamusError.is(first, 'SAMUS_ERR_NO_HEALTHY_SERVER')).toBe(true);
    await text(pool.generateContentStream({ model: MODEL, contents: 'hi' })).catch(() => undefined);
    const later = await text(pool.generateContentStream({ model: MODEL, contents: 'hi' })).catch((error: unknown) => error);
    expect(SamusError.is(later, 'SAMUS_ERR_NO_HEALTHY_SERVER')).toBe(true);
  });

  it('registers with the kernel as auth type samus-pool and feeds metrics from kernel events', async () => {
    const mock = await mockServer();
    const { kernel, discovery } = fleet([mock]);
    kernel.register(createPoolPlugin(discovery));
    const pool = await kernel.createContentGenerator(kernel.createContentGeneratorConfig(POOL_AUTH_TYPE, { model: MODEL, providerOptions: { strategy: 'lowest-ttft' } }));
    expect(await text(pool.generateContentStream({ model: '', contents: 'hi' }))).toBe('one two three');
    const response = await pool.generateContent({ model: MODEL, contents: 'hi' });
    expect(response.text).toBe('one two three');
    const metrics = discovery.metrics.get(mock.url, MODEL);
    expect(metrics).toMatchObject({ requests: 2, errors: 0, inFlight: 0 });
    expect(metrics!.ttftMs.count).toBeGreaterThanOrEqual(1);
    expect(() => kernel.createContentGeneratorConfig(POOL_AUTH_TYPE)).toThrow(/SAMUS_MODEL/);
  });

  it('probes nothing but what it was told to, and finds nothing when nothing listens', async () => {
    const port = await closedPort();
    const discovery = createDiscovery({ kernel: createKernel({ env: {} }).register(lmStudioPlugin).register(openaiPlugin), env: {}, ports: [port] });
    cleanups.push(() => discovery.close());
    const report = await discovery.refresh();
    expect(report.outcomes.map((o) => o.target.url)).toEqual([`http://127.0.0.1:${port}`, `http://[::1]:${port}`]);
    expect(report.outcomes.map((o) => !o.found && o.reason)).toEqual(['refused', 'refused']);
    expect(discovery.servers()).toEqual([]);
    const pool = discovery.createPool();
    const error = await pool.generateContent({ model: 'x', contents: 'hi' }).catch((e: unknown) => e);
    expect(SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND')).toBe(true);
    expect((error as SamusError).hint).toContain('start Ollama or LM Studio');
  });

  it('refreshes the catalogue on an interval until stopped, with catalogue:updated events', async () => {
    const mock = await mockServer();
    const { discovery } = fleet([mock], { catalogueRefreshMs: 20 });
    await discovery.refresh();
    const updates: number[] = [];
    discovery.events.on('catalogue:updated', (e) => updates.push(e.models.length));
    discovery.start();
    mock.setModels([{ id: MODEL, type: 'llm', loaded: true }, { id: 'new-model', type: 'llm' }]);
    await vi.waitFor(() => expect(discovery.catalogue.find('new-model')).toHaveLength(1), { timeout: 2_000, interval: 10 });
    expect(updates.at(-1)).toBe(2);
    discovery.stop();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const seen = updates.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(updates.length).toBe(seen);
  });
});
