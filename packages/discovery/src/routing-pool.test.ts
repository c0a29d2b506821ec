import { describe, expect, it } from 'vitest';
import { collectText, failure } from '@samus/test-server';
import { createGenerateContentResponse, SamusError, type ContentGenerator, type GenerateContentResponse, type ModelInfo } from '@samus/kernel';
import type { CatalogueModel } from './catalogue-model.js';
import type { DiscoveredServer } from './discovered-server.js';
import { HealthMonitor } from './health-monitor.js';
import { ModelCatalogue, type ListServerModels } from './model-catalogue.js';
import { RoutingPool, type RoutingPoolOptions } from './routing-pool.js';
import { ScriptedGenerator } from './testing/scripted-generator.js';

interface FakeServer {
  url: string;
  models: Partial<ModelInfo>[];
}

/** A pool over scripted generators: catalogue and health are the real classes, fed by an in-memory model list. */
async function setup(servers: FakeServer[], options: Partial<RoutingPoolOptions> = {}) {
  const byUrl = new Map(servers.map((s) => [s.url, s]));
  const listModels: ListServerModels = async (server) =>
    byUrl.get(server.url)!.models.map((m) => ({ id: 'm', aliases: [], kind: 'chat', capabilities: [], loaded: true, ...m }) as ModelInfo);
  const discovered: DiscoveredServer[] = servers.map((s) => ({ kind: 'lm-studio', url: s.url, authRequired: false, latencyMs: 0, apis: [], source: 'option', aliases: [] }));
  const catalogue = new ModelCatalogue({ listModels });
  await catalogue.refresh(discovered);
  const health = new HealthMonitor({ check: async () => undefined, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
  for (const server of discovered) health.add(server, 'healthy');
  const generators = new Map(servers.map((s) => [s.url, new ScriptedGenerator(s.url)]));
  const pool = new RoutingPool({
    catalogue,
    health,
    createGenerator: async (model: CatalogueModel) => generators.get(model.server)!,
    ...options,
  });
  return { pool, health, generators, catalogue, gen: (url: string) => generators.get(url)! };
}

const A = 'http://127.0.0.1:1001';
const B = 'http://127.0.0.1:1002';
const C = 'http://127.0.0.1:1003';

describe('RoutingPool', () => {
  it('round-robin shares requests out in turn', async () => {
    const { pool, gen } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }, { url: C, models: [{}] }], { strategy: 'round-robin' });
    for (let i = 0; i < 9; i += 1) await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect([gen(A).calls.length, gen(B).calls.length, gen(C).calls.length]).toEqual([3, 3, 3]);
  });

  it('only routes to servers that have the model, and prefers the ones where it is loaded', async () => {
    const { pool, gen } = await setup(
      [
        { url: A, models: [{ id: 'other' }] },
        { url: B, models: [{ id: 'm', loaded: false }] },
        { url: C, models: [{ id: 'm', loaded: true }] },
      ],
      { strategy: 'round-robin' },
    );
    for (let i = 0; i < 4; i += 1) await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect([gen(A).calls.length, gen(B).calls.length, gen(C).calls.length]).toEqual([0, 0, 4]);
    // The unloaded server is still there as a fallback.
    gen(C).script = { failBefore: new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'refused') };
    expect(await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }))).toBe('Hello');
    expect(gen(B).calls.length).toBe(1);
  });

  it('least-busy sends a request to the server with the fewest in flight', async () => {
    const { pool, gen } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'least-busy' });
    gen(A).script = { delayMs: 50 };
    gen(B).script = { delayMs: 50 };
    const first = collectText(pool.generateContentStream({ model: 'm', contents: '1' }));
    const second = collectText(pool.generateContentStream({ model: 'm', contents: '2' }));
    // Each pending stream must have picked its server before the next is planned.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(gen(A).calls.length + gen(B).calls.length).toBe(2);
    expect([gen(A).calls.length, gen(B).calls.length]).toEqual([1, 1]);
    await Promise.all([first, second]);
  });

  it('priority sends everything to the highest-priority healthy server', async () => {
    const { pool, gen, health } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'priority', priorities: { [B]: 10 } });
    for (let i = 0; i < 3; i += 1) await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect([gen(A).calls.length, gen(B).calls.length]).toEqual([0, 3]);
    health.reportFailure(B, new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'x'));
    health.reportFailure(B, new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'x'));
    await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect(gen(A).calls.length).toBe(1);
  });

  it('lowest-ttft learns which server answers first and prefers it', async () => {
    const { pool, gen } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'lowest-ttft' });
    gen(A).script = { delayMs: 40 };
    gen(B).script = { delayMs: 2 };
    // One exploratory request each, then the faster one.
    for (let i = 0; i < 6; i += 1) await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect(gen(A).calls.length).toBe(1);
    expect(gen(B).calls.length).toBe(5);
  });

  it('fails over before the first token without the caller seeing an error, and feeds the breaker', async () => {
    const { pool, gen, health } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'priority', priorities: { [A]: 1 } });
    gen(A).script = { failBefore: new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'connection refused') };
    expect(await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }))).toBe('Hello');
    expect(await pool.generateContent({ model: 'm', contents: 'hi' })).toMatchObject({ candidates: [{ content: { parts: [{ text: `Hello from ${B}` }] } }] });
    expect(gen(A).calls.length).toBe(2);
    // Two failures opened A's breaker: the next request goes straight to B.
    expect(health.isAvailable(A)).toBe(false);
    await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect(gen(A).calls.length).toBe(2);
    expect(await pool.countTokens({ model: 'm', contents: 'hi' })).toEqual({ totalTokens: 7 });
  });

  it('fails over a stream that was accepted but broke before its first chunk, and resolves only with a chunk in hand', async () => {
    const { pool, gen, health } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'priority', priorities: { [A]: 1 } });
    gen(A).script = { breakAfter: 0, breakError: new SamusError('SAMUS_ERR_SERVER_ERROR', 'ended before any output') };
    expect(await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }))).toBe('Hello');
    expect([gen(A).calls.length, gen(B).calls.length]).toEqual([1, 1]);
    expect(health.snapshot().find((h) => h.url === A)?.consecutiveFailures).toBe(1);
  });

  it('releases the server when the stream is returned before the first next()', async () => {
    const { pool } = await setup([{ url: A, models: [{}] }]);
    const stream = await pool.generateContentStream({ model: 'm', contents: 'hi' });
    expect(pool.routeStats()[0]!.inFlight).toBe(1);
    await stream.return(undefined);
    expect(pool.routeStats()[0]!.inFlight).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a stream broken after its first token with SAMUS_ERR_STREAM_INTERRUPTED carrying the partial text', async () => {
    const { pool, gen, health } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'priority', priorities: { [A]: 1 } });
    gen(A).script = { chunks: ['The ', 'answer ', 'is'], breakAfter: 2, breakError: new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'socket closed') };
    let text = '';
    const error = await failure(
      (async () => {
        for await (const chunk of await pool.generateContentStream({ model: 'm', contents: 'hi' })) text += chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? '';
      })(),
    );
    expect(error.code).toBe('SAMUS_ERR_STREAM_INTERRUPTED');
    expect(error.details).toMatchObject({ partialText: 'The answer ', server: A, model: 'm', chunks: 2 });
    expect(SamusError.is(error.cause, 'SAMUS_ERR_SERVER_NOT_RUNNING')).toBe(true);
    expect(text).toBe('The answer ');
    expect(gen(B).calls.length).toBe(0); // never replayed after output had started
    expect(health.snapshot().find((h) => h.url === A)?.consecutiveFailures).toBe(1);
  });

  it('does not fail over errors that would fail anywhere (invalid request, abort)', async () => {
    const { pool, gen } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'priority', priorities: { [A]: 1 } });
    gen(A).script = { failBefore: new SamusError('SAMUS_ERR_INVALID_REQUEST', 'bad temperature') };
    expect((await failure(collectText(pool.generateContentStream({ model: 'm', contents: 'hi' })))).code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(gen(B).calls.length).toBe(0);
    const controller = new AbortController();
    controller.abort();
    expect((await failure(collectText(pool.generateContentStream({ model: 'm', contents: 'hi', config: { abortSignal: controller.signal } })))).code).toBe('SAMUS_ERR_ABORTED');
  });

  it('fails with SAMUS_ERR_NO_HEALTHY_SERVER when every server is down or fails', async () => {
    const { pool, gen, health } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }]);
    gen(A).script = { failBefore: new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'refused') };
    gen(B).script = { failBefore: new SamusError('SAMUS_ERR_TIMEOUT', 'no first byte') };
    // The promise itself rejects (a host retrying around `await generateContentStream()` sees it there).
    const all = await failure(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect(all.code).toBe('SAMUS_ERR_NO_HEALTHY_SERVER');
    expect(all.message).toContain(A);
    expect(all.message).toContain('SAMUS_ERR_TIMEOUT');
    expect(all.hint).toContain('samus discover');
    await failure(collectText(pool.generateContentStream({ model: 'm', contents: 'hi' })));
    expect(health.isAvailable(A) || health.isAvailable(B)).toBe(false);
    const none = await failure(pool.generateContent({ model: 'm', contents: 'hi' }));
    expect(none.code).toBe('SAMUS_ERR_NO_HEALTHY_SERVER');
    expect(none.details.servers).toEqual([
      { url: A, state: 'unhealthy' },
      { url: B, state: 'unhealthy' },
    ]);
  });

  it('names near matches when no server has the model', async () => {
    const { pool } = await setup([{ url: A, models: [{ id: 'gemma3:270m' }] }]);
    const error = await failure(collectText(pool.generateContentStream({ model: 'gemma3', contents: 'hi' })));
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.hint).toContain('gemma3:270m');
    expect((await failure(pool.embedContent({ model: '', contents: 'x' }))).code).toBe('SAMUS_ERR_INVALID_REQUEST');
  });

  it('uses the default model and stops a stream cleanly when the consumer breaks off', async () => {
    const { pool, gen } = await setup([{ url: A, models: [{}] }], { defaultModel: 'm' });
    gen(A).script = { chunks: ['a', 'b', 'c'] };
    for await (const chunk of await pool.generateContentStream({ model: '', contents: 'hi' })) {
      expect(chunk.candidates?.[0]?.content?.parts?.[0]?.text).toBe('a');
      break;
    }
    expect(pool.routeStats()).toMatchObject([{ url: A, model: 'm', requests: 1, inFlight: 0, ttftMs: expect.any(Number), capacity: 1 }]);
    expect(await pool.embedContent({ model: '', contents: 'x' })).toEqual({ embeddings: [{ values: [0.1, 0.2] }] });
  });

  it('leaves the first TTFT of a model that had to be loaded out of the routing figures, and marks it loaded', async () => {
    const { pool, catalogue } = await setup([{ url: A, models: [{ loaded: false }] }], { strategy: 'lowest-ttft' });
    await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect(pool.routeStats()[0]!.ttftMs).toBeUndefined();
    expect(catalogue.find('m')[0]!.loaded).toBe(true);
    await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect(pool.routeStats()[0]!.ttftMs).toEqual(expect.any(Number));
  });

  it('lowest-ttft counts a request that has been waiting longer than the recent figure against that server', async () => {
    const { pool, gen } = await setup([{ url: A, models: [{}] }, { url: B, models: [{}] }], { strategy: 'lowest-ttft' });
    gen(A).script = { delayMs: 2 };
    gen(B).script = { delayMs: 40 };
    for (let i = 0; i < 3; i += 1) await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect([gen(A).calls.length, gen(B).calls.length]).toEqual([2, 1]);
    gen(A).script = { delayMs: 300 }; // A stalls
    const stuck = collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    await new Promise((resolve) => setTimeout(resolve, 120));
    await collectText(pool.generateContentStream({ model: 'm', contents: 'hi' }));
    expect([gen(A).calls.length, gen(B).calls.length]).toEqual([3, 2]);
    await stuck;
  });

  it('measures prompt processing from the reconstructed start of service, not from admission (injected clock)', async () => {
    let t = 0;
    const releases: (() => void)[] = [];
    const controlled = {
      ...new ScriptedGenerator(A),
      async generateContentStream(): Promise<AsyncGenerator<GenerateContentResponse>> {
        const first = new Promise<void>((resolve) => releases.push(resolve));
        return (async function* () {
          await first;
          yield createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, index: 0 }] });
        })();
      },
    } as unknown as ContentGenerator;
    const { catalogue, health } = await setup([{ url: A, models: [{}] }]);
    const pool = new RoutingPool({ catalogue, health, createGenerator: async () => controlled, capacities: { [A]: 1 }, now: () => t });
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const request = { model: 'm', contents: 'x'.repeat(400) }; // 100 tokens at 4 characters a token
    const first = pool.generateContentStream(request, 'one');
    const second = pool.generateContentStream(request, 'two'); // queued behind the first on a 1-slot server
    await tick();
    t = 50;
    releases[0]!();
    const one = await first;
    t = 80;
    for await (const _ of one) void _; // ends at 80: the second one starts being served now
    await tick();
    t = 130;
    releases[1]!();
    for await (const _ of await second) void _;
    // Both took 50 ms from their start of service to the first token: 0.5 ms per uncached token. Timing the second
    // from its admission (t = 0) would have given 130 ms.
    expect(pool.routeStats()[0]).toMatchObject({ capacity: 1, prefillMsPerToken: 0.5, inFlight: 0, requests: 2 });
    expect(pool.routeStats()[0]!.generationMs).toBeCloseTo(30 + 0.2 * (0 - 30));
  });
});
