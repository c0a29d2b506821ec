import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKernel, type Kernel, type SamusEventMap } from '@samus/kernel';
import { llamaCppPlugin } from '@samus/provider-llamacpp';
import { type LlamaCppProvided, startLlamaServer, type StartedLlamaServer } from '@samus/test-llamacpp';
import { createDiscovery, type Discovery, type RoutingStrategyName } from '../src/index.js';

/** The contract project's llama-server setup: available when the binary and the models could be had here. */
const llama: LlamaCppProvided = inject('llamaCpp');
if (!llama.available) console.info(`cache affinity on two real llama-servers skipped: ${llama.reason}`);

const CONVERSATIONS = 3;
const TURNS = 3;
/** Lines of the long first message: about 450 prompt tokens with the Gemma template, about 1 s of prompt processing. */
const FILE_LINES = 20;

/** One turn's figures, as the server reported them. */
interface Turn {
  conversation: number;
  turn: number;
  url: string;
  /** The whole prompt (the server's `prompt_n + cache_n`, through the `response:finish` event's `server` timings). */
  promptTokens: number;
  /** Reused from the slot's cache (the server's `usage.prompt_tokens_details.cached_tokens`). */
  cachedTokens: number;
  /** Processed now: whole prompt minus cached. */
  processedTokens: number;
  /** The server's `prompt_ms`. */
  promptMs: number;
}

/**
 * Issue 15's real-server check: two real llama-servers (router mode, the chat model with one slot each: `parallel = 1`
 * in the preset and `--parallel 1`). A conversation's follow-up turns routed by `capacity-aware` (the default, `auto`)
 * stay where their prefix is cached; round-robin alternates servers, so a follow-up lands where its conversation's
 * prefix is not cached. Measured from the servers' own figures: `timings` (`prompt_n + cache_n`, `prompt_ms`) in the
 * kernel's `response:finish` events and the cached-token count of each answer's usage.
 */
describe.skipIf(!llama.available)('cache affinity on two real llama-servers (one slot each)', () => {
  const chatModel = llama.available ? llama.models.chat : '';
  let servers: StartedLlamaServer[] = [];
  let kernel: Kernel;
  let discovery: Discovery | undefined;

  beforeAll(async () => {
    // One after the other: each start is about 2 s, and two loads at once on 2 cores only slow each other down.
    for (let i = 0; i < 2; i += 1) servers.push(await startLlamaServer({ embedding: false, args: ['--parallel', '1'] }));
    kernel = createKernel({ env: {} }).register(llamaCppPlugin);
    discovery = createDiscovery({ kernel, env: {}, servers: servers.map((s) => ({ url: s.baseUrl, kind: 'llama-cpp' })) });
    await discovery.refresh();
  }, 120_000);

  afterAll(async () => {
    discovery?.close();
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
  });

  /** {@link CONVERSATIONS} conversations of {@link TURNS} turns, one after the other; every turn's server figures. */
  async function conversations(strategy: RoutingStrategyName, tag: string): Promise<Turn[]> {
    const pool = discovery!.createPool({ strategy, timeouts: { connectMs: 5_000, firstByteMs: 60_000, idleMs: 60_000 } });
    // One request to each server at once: gives the pool a first measurement of each (no exploration mid-run).
    await Promise.all([0, 1].map((i) => pool.generateContent({ model: chatModel, contents: `Say hi ${tag} ${i}.`, config: { maxOutputTokens: 2 } })));
    const finishes: SamusEventMap['response:finish'][] = [];
    const off = kernel.events.on('response:finish', (e) => finishes.push(e));
    const turns: Turn[] = [];
    try {
      for (let c = 0; c < CONVERSATIONS; c += 1) {
        // A long, distinct first message (a file the agent read), then short follow-ups.
        const file = Array.from({ length: FILE_LINES }, (_, i) => `line ${i} of ${tag} file ${c}: const value${i} = compute(${i}, "${tag}${c}");`).join('\n');
        const contents = [{ role: 'user', parts: [{ text: `Here is a file:\n${file}\nSay OK.` }] }];
        for (let turn = 1; turn <= TURNS; turn += 1) {
          finishes.length = 0;
          const response = await pool.generateContent({ model: chatModel, contents, config: { maxOutputTokens: 8, temperature: 0, seed: 1 } }, `${tag}-${c}########${turn}`);
          const finish = finishes.at(-1);
          expect(finish?.server?.promptTokens, `server timings of ${strategy} conversation ${c} turn ${turn}`).toBeTypeOf('number');
          const promptTokens = finish!.server!.promptTokens!;
          // The server's own count of reused prompt tokens (`timings.cache_n`); the usage's `cached_tokens` says the same.
          expect(finish!.server!.cachedTokens).toBe(response.usageMetadata?.cachedContentTokenCount ?? 0);
          const cachedTokens = finish!.server!.cachedTokens ?? 0;
          const entry = { conversation: c, turn, url: finish!.baseUrl, promptTokens, cachedTokens, processedTokens: promptTokens - cachedTokens, promptMs: finish!.server!.promptEvalMs ?? Number.NaN };
          turns.push(entry);
          contents.push({ role: 'model', parts: [{ text: response.text ?? '' }] }, { role: 'user', parts: [{ text: `Turn ${turn + 1}: say OK again.` }] });
        }
      }
    } finally {
      off();
    }
    return turns;
  }

  it('processes only the new tokens of follow-up turns when routing is cache-sticky, much more under round-robin', async () => {
    // Each server runs the chat model with one slot: one cached conversation at a time, as the comparison assumes.
    for (const server of servers) {
      const slots = await fetch(`${server.baseUrl}/slots?model=${chatModel}`, { signal: AbortSignal.timeout(10_000) });
      expect(((await slots.json()) as unknown[]).length, `slots of ${server.baseUrl}`).toBe(1);
    }
    const stickyTurns = await conversations('capacity-aware', 'sticky');
    const rotatingTurns = await conversations('round-robin', 'rotating');
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const mean = (xs: number[]): number => sum(xs) / xs.length;
    const figures = (turns: Turn[]) => {
      const follow = turns.filter((t) => t.turn > 1);
      return {
        follow,
        prompt: mean(follow.map((f) => f.promptTokens)),
        processed: sum(follow.map((f) => f.processedTokens)),
        cachedShare: sum(follow.map((f) => f.cachedTokens)) / sum(follow.map((f) => f.promptTokens)),
        promptMs: mean(follow.map((f) => f.promptMs)),
        firstMs: mean(turns.filter((t) => t.turn === 1).map((f) => f.promptMs)),
      };
    };
    const sticky = figures(stickyTurns);
    const rotating = figures(rotatingTurns);
    const row = (name: string, f: ReturnType<typeof figures>): string =>
      `${name}: ${f.follow.length} follow-ups, prompt ${f.prompt.toFixed(0)} tok, processed ${f.processed} tok (${(f.processed / f.follow.length).toFixed(0)}/turn), ` +
      `cached ${(f.cachedShare * 100).toFixed(1)} %, prompt ${f.promptMs.toFixed(0)} ms/turn (first turns ${f.firstMs.toFixed(0)} ms)`;
    console.log(
      `follow-up prompt processing on 2 llama-servers (server timings) | ${row('capacity-aware', sticky)} | ${row('round-robin', rotating)} | ` +
        `processed ${(sticky.processed / rotating.processed).toFixed(2)}x, prompt ms ${(rotating.promptMs / sticky.promptMs).toFixed(1)}x faster`,
    );

    expect(sticky.follow).toHaveLength(CONVERSATIONS * (TURNS - 1));
    expect(rotating.follow).toHaveLength(CONVERSATIONS * (TURNS - 1));
    const serverOf = (turns: Turn[], c: number, turn: number): string | undefined => turns.find((t) => t.conversation === c && t.turn === turn)?.url;
    for (let c = 0; c < CONVERSATIONS; c += 1) {
      for (let turn = 2; turn <= TURNS; turn += 1) {
        // capacity-aware keeps the conversation on the server that holds its prefix...
        expect(serverOf(stickyTurns, c, turn), `capacity-aware conversation ${c} turn ${turn}`).toBe(serverOf(stickyTurns, c, turn - 1));
        // ...round-robin changes server on every turn.
        expect(serverOf(rotatingTurns, c, turn), `round-robin conversation ${c} turn ${turn}`).not.toBe(serverOf(rotatingTurns, c, turn - 1));
      }
    }
    // The counts the servers report: sticky follow-ups process at most half the prompt tokens round-robin's do...
    expect(sticky.processed).toBeLessThanOrEqual(rotating.processed * 0.5);
    // ...most of each sticky follow-up's prompt comes from the slot's cache...
    expect(sticky.cachedShare).toBeGreaterThan(0.8);
    // ...and the servers spend less time on their prompts.
    expect(sticky.promptMs).toBeLessThan(rotating.promptMs);
  }, 120_000);
});
