import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKernel, type Kernel, type SamusEventMap } from '@samus/kernel';
import { ollamaPlugin } from '@samus/provider-ollama';
import { startOllama, type StartedOllama } from '@samus/test-ollama';
import { createDiscovery, type Discovery, type RoutingStrategyName } from '../src/index.js';

const ollama = inject('ollama');
/** Opt-in (`SAMUS_CACHE_AFFINITY_TEST=1`): a dozen CPU generations per strategy; too slow for a shared 2-core machine. */
const enabled = process.env.SAMUS_CACHE_AFFINITY_TEST === '1';

/**
 * Issue 15's real-server check: two Ollama containers with `OLLAMA_NUM_PARALLEL=1` (one slot, one cached context
 * each). A conversation's follow-up turns routed by `capacity-aware` stay where their prefix is cached; round-robin
 * alternates servers, so every follow-up is processed from scratch. Measured from the servers' own timings
 * (`prompt_eval_count` / `prompt_eval_duration` of Ollama's answers, in the kernel's `response:finish` events).
 */
describe.skipIf(!ollama.available || !enabled)('cache affinity on two real Ollama servers (OLLAMA_NUM_PARALLEL=1)', () => {
  const chatModel = ollama.available ? ollama.models.chat : '';
  let servers: StartedOllama[] = [];
  let kernel: Kernel;
  let discovery: Discovery;

  beforeAll(async () => {
    servers = await Promise.all([0, 1].map(() => startOllama({ env: { OLLAMA_NUM_PARALLEL: '1' } })));
    kernel = createKernel({ env: {} }).register(ollamaPlugin);
    discovery = createDiscovery({ kernel, env: {}, servers: servers.map((s) => ({ url: s.baseUrl, kind: 'ollama' })) });
    await discovery.refresh();
  }, 600_000);

  afterAll(async () => {
    discovery?.close();
    await Promise.all(servers.map((s) => s.stop()));
  });

  /** Two conversations of three turns, one after the other; the servers' prompt timings of the follow-up turns. */
  async function conversations(strategy: RoutingStrategyName, tag: string) {
    const pool = discovery.createPool({ strategy, timeouts: { connectMs: 5_000, firstByteMs: 300_000, idleMs: 120_000 } });
    // One request to each server at once: loads the model on both (no measured turn pays for a load) and gives the
    // pool a first measurement of each.
    await Promise.all([0, 1].map((i) => pool.generateContent({ model: chatModel, contents: `Say hi ${tag} ${i}.`, config: { maxOutputTokens: 2 } })));
    const finishes: SamusEventMap['response:finish'][] = [];
    const off = kernel.events.on('response:finish', (e) => finishes.push(e));
    const followUps: { url: string; promptTokens: number; promptEvalMs: number }[] = [];
    try {
      for (let c = 0; c < 2; c += 1) {
        // A long, distinct first message (a file the agent read), then short follow-ups.
        const file = Array.from({ length: 16 }, (_, i) => `line ${i} of ${tag} file ${c}: const value${i} = compute(${i}, "${tag}${c}");`).join('\n');
        const contents = [{ role: 'user', parts: [{ text: `Here is a file:\n${file}\nSay OK.` }] }];
        for (let turn = 1; turn <= 3; turn += 1) {
          finishes.length = 0;
          const response = await pool.generateContent({ model: chatModel, contents, config: { maxOutputTokens: 8, temperature: 0, seed: 1 } }, `${tag}-${c}########${turn}`);
          const finish = finishes.at(-1);
          if (turn > 1 && finish?.server?.promptTokens !== undefined) {
            followUps.push({ url: finish.baseUrl, promptTokens: finish.server.promptTokens, promptEvalMs: finish.server.promptEvalMs ?? Number.NaN });
          }
          contents.push({ role: 'model', parts: [{ text: response.text ?? '' }] }, { role: 'user', parts: [{ text: `Turn ${turn + 1}: say OK again.` }] });
        }
      }
    } finally {
      off();
    }
    return followUps;
  }

  it('processes only the new tokens of follow-up turns when routing is cache-sticky, the whole prompt under round-robin', async () => {
    const sticky = await conversations('capacity-aware', 'sticky');
    const rotating = await conversations('round-robin', 'rotating');
    expect(sticky).toHaveLength(4);
    expect(rotating).toHaveLength(4);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const stickyTokens = mean(sticky.map((f) => f.promptTokens));
    const rotatingTokens = mean(rotating.map((f) => f.promptTokens));
    const stickyMs = mean(sticky.map((f) => f.promptEvalMs));
    const rotatingMs = mean(rotating.map((f) => f.promptEvalMs));
    console.info(
      `follow-up prompt processing (server timings): capacity-aware ${stickyTokens.toFixed(0)} tokens / ${stickyMs.toFixed(1)} ms, ` +
        `round-robin ${rotatingTokens.toFixed(0)} tokens / ${rotatingMs.toFixed(1)} ms (${(rotatingMs / stickyMs).toFixed(1)}x)`,
    );
    // Round-robin changes server on every turn: each follow-up is evaluated in full.
    expect(new Set(rotating.map((f) => f.url)).size).toBe(2);
    // Counts the servers report: the sticky follow-ups evaluate a small fraction of the tokens.
    expect(stickyTokens).toBeLessThan(rotatingTokens / 3);
  }, 600_000);
});
