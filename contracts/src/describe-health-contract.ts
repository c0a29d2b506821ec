import { providerHealthSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, describeGroup } from './contract-helpers.js';
import { closedPortUrl, startForeignServer } from './loopback-servers.js';
import type { ContractContext } from './provider-contract-options.js';

/** `admin.health()`: ok with a version for the real server; a described failure (never a throw) otherwise. */
export function describeHealthContract(ctx: ContractContext): void {
  describeGroup('health', capabilityMissing('health', ctx.options.capabilities.health), () => {
    it('health() reports ok with the server version', async () => {
      const { admin } = await ctx.provider();
      const health = providerHealthSchema.parse(await admin!.health());
      expect(health.ok, JSON.stringify(health)).toBe(true);
      expect(health.version).toMatch(/\d/);
    });

    it('health() reports SAMUS_ERR_SERVER_NOT_RUNNING, without throwing, when nothing listens', async () => {
      const baseUrl = await closedPortUrl();
      const { admin } = await ctx.provider({ baseUrl, maxRetries: 0 });
      const health = providerHealthSchema.parse(await admin!.health());
      expect(health.ok).toBe(false);
      expect(health.error?.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
      expect(health.error?.message).toContain(new URL(baseUrl).port);
    });

    it('health() reports SAMUS_ERR_WRONG_BASE_URL for a server that is not this kind of server', async () => {
      const server = await startForeignServer();
      try {
        const { admin } = await ctx.provider({ baseUrl: server.url, maxRetries: 0 });
        const health = providerHealthSchema.parse(await admin!.health());
        expect(health.ok).toBe(false);
        expect(health.error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
      } finally {
        await server.close();
      }
    });
  });
}
