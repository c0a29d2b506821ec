import { expect, it } from 'vitest';
import { describeGroup, expectSamusError } from './contract-helpers.js';
import { closedPortUrl, startForeignServer } from './loopback-servers.js';
import type { ContractContext } from './provider-contract-options.js';

/** A model name no test server has. */
export const MISSING_MODEL = 'samus-contract-missing-model:v0';

/**
 * Coded errors: unknown model, server not running, a base URL that reaches some other server, and a tool request
 * for a model without tools. Always runs.
 */
export function describeErrorsContract(ctx: ContractContext): void {
  const { chat, withoutTools } = ctx.options.models;
  const config = { temperature: 0, seed: ctx.seed, maxOutputTokens: 4 };

  describeGroup('errors', undefined, () => {
    it('generateContent(unknown model) rejects with SAMUS_ERR_MODEL_NOT_FOUND naming the model', async () => {
      const { generator } = await ctx.provider();
      const error = await expectSamusError(() => generator.generateContent({ model: MISSING_MODEL, contents: 'Hi', config }), 'SAMUS_ERR_MODEL_NOT_FOUND');
      expect(error.message).toContain('samus-contract-missing-model');
      expect(error.retryable).toBe(false);
    });

    it('generateContentStream(unknown model) rejects its promise with SAMUS_ERR_MODEL_NOT_FOUND (before any iteration)', async () => {
      const { generator } = await ctx.provider();
      await expectSamusError(() => generator.generateContentStream({ model: MISSING_MODEL, contents: 'Hi', config }), 'SAMUS_ERR_MODEL_NOT_FOUND');
    });

    it('generateContent() with nothing listening rejects with SAMUS_ERR_SERVER_NOT_RUNNING naming the address', async () => {
      const baseUrl = await closedPortUrl();
      const { generator } = await ctx.provider({ baseUrl, maxRetries: 0 });
      const error = await expectSamusError(() => generator.generateContent({ model: chat, contents: 'Hi', config }), 'SAMUS_ERR_SERVER_NOT_RUNNING');
      expect(error.message + error.hint).toContain(new URL(baseUrl).port);
    });

    it('generateContent() against a server of another kind rejects with SAMUS_ERR_WRONG_BASE_URL', async () => {
      const server = await startForeignServer();
      try {
        const { generator } = await ctx.provider({ baseUrl: server.url, maxRetries: 0 });
        await expectSamusError(() => generator.generateContent({ model: chat, contents: 'Hi', config }), 'SAMUS_ERR_WRONG_BASE_URL');
      } finally {
        await server.close();
      }
    });

    it.skipIf(withoutTools === undefined || ctx.options.capabilities.tools !== true)(
      `generateContent(tools) on a model without tools rejects with SAMUS_ERR_CAPABILITY_MISSING${
        withoutTools === undefined || ctx.options.capabilities.tools !== true ? ' (skipped: needs capability "tools" and models.withoutTools)' : ''
      }`,
      async () => {
        const { generator } = await ctx.provider();
        const error = await expectSamusError(
          () =>
            generator.generateContent({
              model: withoutTools!,
              contents: 'What is the weather in Paris?',
              config: { ...config, tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: {} } }] }] },
            }),
          'SAMUS_ERR_CAPABILITY_MISSING',
        );
        expect(error.message).toMatch(/tools/i);
      },
    );
  });
}
