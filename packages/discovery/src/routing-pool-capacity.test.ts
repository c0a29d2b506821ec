import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { createDiscovery, type Discovery } from './discovery.js';
import type { RouteDecisionEvent } from './discovery-events.js';
import type { RoutingPool } from './routing-pool.js';
import { sessionKeyOf } from './session-key.js';
import { startFleetServer, type FleetServer, type FleetServerOptions } from './testing/fleet-server.js';

// The pool over real loopback fleet servers (slots + queue, prefill proportional to uncached tokens, a prefix cache).
// Assertions are on counts the servers and the pool report, never on timings: the speeds are chosen so that every
// decision asserted has a margin of several times the timer noise.

const open: { servers: FleetServer[]; discovery?: Discovery }[] = [];
afterEach(async () => {
  for (const entry of open.splice(0)) {
    entry.discovery?.close();
    await Promise.all(entry.servers.map((s) => s.close()));
  }
});

type PoolOptions = NonNullable<Parameters<Discovery['createPool']>[0]>;

async function fleet(configs: FleetServerOptions[], poolOptions: PoolOptions | ((urls: string[]) => PoolOptions) = {}) {
  const servers = await Promise.all(configs.map((config) => startFleetServer({ model: 'm', ...config })));
  const kernel = createKernel({ env: {} }).register(openaiPlugin);
  const discovery = createDiscovery({ kernel, servers: servers.map((s) => ({ url: s.url, kind: 'openai' })) });
  open.push({ servers, discovery });
  await discovery.refresh();
  const decisions: RouteDecisionEvent[] = [];
  discovery.events.on('route:decision', (e) => decisions.push(e));
  const pool = discovery.createPool(typeof poolOptions === 'function' ? poolOptions(servers.map((s) => s.url)) : poolOptions);
  return { servers, pool, decisions };
}

let seed = 1;
function words(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) out.push(`x${(seed = (seed * 48271) % 2147483647) % 10_000}`);
  return out.join(' ');
}

type Turns = { role: string; parts: { text: string }[] }[];

/** Sends one turn of a conversation through the pool and appends the answer and a new user message. */
async function turn(pool: RoutingPool, contents: Turns, promptId: string): Promise<void> {
  let text = '';
  for await (const chunk of await pool.generateContentStream({ model: 'm', contents }, promptId)) text += chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? '';
  contents.push({ role: 'model', parts: [{ text }] }, { role: 'user', parts: [{ text: words(10) }] });
}

/**
 * One request to each of the two servers, sent together (the OpenAI-compatible catalogue does not say where a model is
 * loaded; the first answer marks it loaded there, and loaded servers are preferred — so they start together).
 */
async function warmUp(pool: RoutingPool): Promise<void> {
  await Promise.all([0, 1].map((i) => turn(pool, [{ role: 'user', parts: [{ text: words(400) }] }], `warm-${i}`)));
}

const cachedTokens = (servers: FleetServer[]): number => servers.reduce((sum, s) => sum + s.stats().cachedTokens, 0);

/** Two equal single-slot servers keeping 8 prompts cached: 400-token prompts take 100 ms to process, answers 16 ms. */
const EQUAL: FleetServerOptions[] = [
  { slots: 1, promptTokensPerSecond: 4_000, tokensPerSecond: 1_000, replyTokens: 16, cacheEntries: 8 },
  { slots: 1, promptTokensPerSecond: 4_000, tokensPerSecond: 1_000, replyTokens: 16, cacheEntries: 8 },
];

describe('RoutingPool on fleet servers: capacity- and cache-aware routing', () => {
  it('sends every follow-up turn to the server holding its cached prefix (round-robin does not)', async () => {
    const run = async (strategy: 'capacity-aware' | 'round-robin') => {
      const { servers, pool, decisions } = await fleet(EQUAL, { strategy });
      // Measure both servers first (the strategy explores an unmeasured idle server once).
      await warmUp(pool);
      for (const s of servers) s.resetStats();
      // Three conversations, so that round-robin's rotation does not bring each turn back to the same server by chance.
      const conversations = Array.from({ length: 3 }, (): Turns => [{ role: 'user', parts: [{ text: words(400) }] }]);
      for (const [i, contents] of conversations.entries()) await turn(pool, contents, `conv-${i}########1`);
      const afterFirst = cachedTokens(servers);
      for (let round = 2; round <= 3; round += 1) {
        for (const [i, contents] of conversations.entries()) await turn(pool, contents, `conv-${i}########${round}`);
      }
      return { cached: cachedTokens(servers) - afterFirst, decisions: decisions.slice(2 + 3) };
    };
    const aware = await run('capacity-aware');
    // 6 follow-ups, each with at least the 400-token first message cached.
    expect(aware.cached).toBeGreaterThanOrEqual(6 * 400);
    expect(aware.decisions.map((d) => d.reason)).toEqual(Array(6).fill('affinity'));
    expect(aware.decisions[0]).toMatchObject({ strategy: 'capacity-aware', sessionKey: 'id:conv-0', affinityUrl: aware.decisions[0]!.url });
    expect(aware.decisions[0]!.candidates.find((c) => c.url === aware.decisions[0]!.url)!.cachedTokens).toBeGreaterThan(0);
    const rr = await run('round-robin');
    // Round-robin alternates between the two servers: half the follow-ups land where nothing of theirs is cached.
    expect(rr.cached).toBeLessThan(aware.cached * 0.75);
    expect(rr.decisions.every((d) => d.reason === 'strategy')).toBe(true);
  });

  it('lets stickiness yield to load when the server holding the prefix is saturated', async () => {
    const slowAnswers = EQUAL.map((config) => ({ ...config, replyTokens: 60 })); // 60 ms of generation per answer
    const { servers, pool, decisions } = await fleet(slowAnswers);
    await warmUp(pool);
    const conversations = Array.from({ length: 6 }, (): Turns => [{ role: 'user', parts: [{ text: words(400) }] }]);
    for (const [i, contents] of conversations.entries()) await turn(pool, contents, `conv-${i}########1`);
    // The conversations held by the server that got most of them.
    const firstTurns = decisions.slice(2);
    const byServer = new Map<string, number[]>();
    for (const [i, d] of firstTurns.entries()) byServer.set(d.url, [...(byServer.get(d.url) ?? []), i]);
    const [holder, held] = [...byServer.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(held.length).toBeGreaterThanOrEqual(3);
    // All their follow-ups at once (one event-loop turn apart, so each is planned after the previous was admitted).
    const before = decisions.length;
    const pending: Promise<void>[] = [];
    for (const i of held) {
      pending.push(turn(pool, conversations[i]!, `conv-${i}########2`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(pending);
    const burst = decisions.slice(before);
    expect(burst[0]).toMatchObject({ reason: 'affinity', url: holder });
    const moved = burst.filter((d) => d.reason === 'load');
    expect(moved.length).toBeGreaterThan(0);
    for (const d of moved) expect(d).toMatchObject({ affinityUrl: holder });
    expect(moved.every((d) => d.url !== holder)).toBe(true);
    const stats = pool.routeStats().find((s) => s.url === holder)!;
    expect(stats.affinityYielded).toBe(moved.length);
    expect(servers.every((s) => s.stats().rejected === 0)).toBe(true);
  });

  it('learns a server capacity from how many streams it serves at once', async () => {
    const { servers, pool } = await fleet([{ slots: 3, promptTokensPerSecond: 4_000, tokensPerSecond: 500, replyTokens: 20 }]);
    expect(pool.routeStats()).toEqual([]);
    await turn(pool, [{ role: 'user', parts: [{ text: words(200) }] }], 'first'); // marks the model loaded there
    expect(pool.routeStats()[0]).toMatchObject({ capacity: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => turn(pool, [{ role: 'user', parts: [{ text: words(200) }] }], `c${i}`)));
    expect(servers[0]!.stats()).toMatchObject({ completed: 7, maxBusy: 3, maxQueued: 3 });
    expect(pool.routeStats()[0]).toMatchObject({ capacity: 3, requests: 7, inFlight: 0 });
    expect(pool.routeStats()[0]!.prefillMsPerToken).toBeGreaterThan(0);
    expect(pool.routeStats()[0]!.generationMs).toBeGreaterThan(0);
  });

  it('uses a configured capacity over the learned one', async () => {
    const { pool } = await fleet([{ slots: 2 }], (urls) => ({ capacities: { [urls[0]!]: 8 } }));
    await turn(pool, [{ role: 'user', parts: [{ text: words(20) }] }], 'c');
    expect(pool.routeStats()[0]).toMatchObject({ capacity: 8, requests: 1 });
  });
});

describe('sessionKeyOf', () => {
  it('takes the session from a Gemini CLI / Qwen Code prompt id, else hashes the conversation prefix', () => {
    const first = { role: 'user', parts: [{ text: 'Fix the bug in main.ts' }] };
    expect(sessionKeyOf({ model: 'm', contents: [first] }, 'abc-123########1')).toBe('id:abc-123');
    expect(sessionKeyOf({ model: 'm', contents: [first] }, 'abc-123########7')).toBe('id:abc-123');
    expect(sessionKeyOf({ model: 'm', contents: [first] }, 'plain-id')).toBe('id:plain-id');
    const turn1 = sessionKeyOf({ model: 'm', contents: [first] });
    const turn3 = sessionKeyOf({ model: 'm', contents: [first, { role: 'model', parts: [{ text: 'Done.' }] }, { role: 'user', parts: [{ text: 'Thanks' }] }] });
    expect(turn1).toMatch(/^prefix:[0-9a-f]{8}$/);
    expect(turn3).toBe(turn1);
    expect(sessionKeyOf({ model: 'm', contents: [{ role: 'user', parts: [{ text: 'Another task' }] }] })).not.toBe(turn1);
    expect(sessionKeyOf({ model: 'm', contents: [first], config: { systemInstruction: 'You are terse.' } })).not.toBe(turn1);
    expect(sessionKeyOf({ model: 'm', contents: [] })).toBeUndefined();
  });
});
