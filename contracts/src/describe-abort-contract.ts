import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup, expectSamusError, responseText } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

const longPrompt = 'Count from one to five hundred in words, one number per line.';

/** A caller's `abortSignal` cancels a request before it starts, while waiting for the answer, and mid-stream. */
export function describeAbortContract(ctx: ContractContext): void {
  const { chat } = ctx.options.models;
  const config = (signal: AbortSignal) => ({ temperature: 0, seed: ctx.seed, maxOutputTokens: 400, abortSignal: signal });

  describeGroup('abort', capabilityMissing('abort', ctx.options.capabilities.abort), () => {
    it('generateContent({ abortSignal: aborted }) rejects with SAMUS_ERR_ABORTED without sending', async () => {
      const { generator } = await ctx.provider();
      const controller = new AbortController();
      controller.abort();
      await expectSamusError(() => generator.generateContent({ model: chat, contents: longPrompt, config: config(controller.signal) }), 'SAMUS_ERR_ABORTED');
    });

    it('generateContent({ abortSignal }) rejects with SAMUS_ERR_ABORTED when aborted in flight', async () => {
      const { generator } = await ctx.provider();
      const controller = new AbortController();
      const pending = generator.generateContent({ model: chat, contents: longPrompt, config: config(controller.signal) });
      setTimeout(() => controller.abort(), 150);
      const started = performance.now();
      await expectSamusError(() => pending, 'SAMUS_ERR_ABORTED');
      // Bounded, not timed: a 400-token generation on a small CPU model takes far longer than this bound.
      expect(performance.now() - started).toBeLessThan(30_000);
    });

    it('generateContentStream({ abortSignal }) stops yielding and throws SAMUS_ERR_ABORTED when aborted mid-stream', async () => {
      const { generator } = await ctx.provider();
      const controller = new AbortController();
      let text = '';
      let chunksAfterAbort = 0;
      await expectSamusError(async () => {
        for await (const chunk of await generator.generateContentStream({ model: chat, contents: longPrompt, config: config(controller.signal) })) {
          if (controller.signal.aborted) chunksAfterAbort += 1;
          text += responseText(chunk);
          if (text.length > 0) controller.abort();
        }
      }, 'SAMUS_ERR_ABORTED');
      expect(text.length).toBeGreaterThan(0);
      expect(chunksAfterAbort).toBe(0);
    });
  });
}
