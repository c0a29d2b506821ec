import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup, expectSamusError } from './contract-helpers.js';
import { startStallingServer } from './loopback-servers.js';
import type { ContractContext } from './provider-contract-options.js';

/** Per-phase timeouts: a server that accepts and never answers trips the first-byte timeout, with the phase named. */
export function describeTimeoutsContract(ctx: ContractContext): void {
  const { chat } = ctx.options.models;
  const config = { temperature: 0, seed: ctx.seed, maxOutputTokens: 4 };

  describeGroup('timeouts', capabilityMissing('timeouts', ctx.options.capabilities.timeouts), () => {
    it('generateContent() rejects with SAMUS_ERR_TIMEOUT (phase first-byte) when the server never answers', async () => {
      const server = await startStallingServer();
      try {
        const { generator } = await ctx.provider({ baseUrl: server.url, maxRetries: 0, timeouts: { firstByteMs: 300, connectMs: 2_000 } });
        const error = await expectSamusError(() => generator.generateContent({ model: chat, contents: 'Hi', config }), 'SAMUS_ERR_TIMEOUT');
        expect(error.details.phase).toBe('first-byte');
        expect(error.message).toMatch(/300/);
      } finally {
        await server.close();
      }
    });

    it('generateContentStream() rejects its promise with SAMUS_ERR_TIMEOUT (phase first-byte) when the server never answers', async () => {
      const server = await startStallingServer();
      try {
        const { generator } = await ctx.provider({ baseUrl: server.url, maxRetries: 0, timeouts: { firstByteMs: 300, connectMs: 2_000 } });
        const error = await expectSamusError(() => generator.generateContentStream({ model: chat, contents: 'Hi', config }), 'SAMUS_ERR_TIMEOUT');
        expect(error.details.phase).toBe('first-byte');
      } finally {
        await server.close();
      }
    });

    it('a timed-out request is not retried when maxRetries is 0', async () => {
      const server = await startStallingServer();
      try {
        const { generator } = await ctx.provider({ baseUrl: server.url, maxRetries: 0, timeouts: { firstByteMs: 200 } });
        await expectSamusError(() => generator.generateContent({ model: chat, contents: 'Hi', config }), 'SAMUS_ERR_TIMEOUT');
        expect(server.requests()).toBe(1);
      } finally {
        await server.close();
      }
    });
  });
}
