import type { ModelInfo } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import type { DiscoveredServer } from './discovered-server.js';
import { HealthMonitor } from './health-monitor.js';
import { ModelCatalogue } from './model-catalogue.js';
import { RoutingPool, type RoutingPoolOptions } from './routing-pool.js';
import { ScriptedGenerator } from './testing/scripted-generator.js';

const URL_A = 'http://127.0.0.1:1001';

async function poolWith(models: string[], options: Partial<RoutingPoolOptions>) {
  const server: DiscoveredServer = { kind: 'ollama', url: URL_A, authRequired: false, latencyMs: 0, apis: [], source: 'option', aliases: [] };
  const catalogue = new ModelCatalogue({ listModels: async () => models.map((id) => ({ id, aliases: [], kind: 'chat', capabilities: [], loaded: true }) as ModelInfo) });
  await catalogue.refresh([server]);
  const health = new HealthMonitor({ check: async () => undefined });
  health.add(server, 'healthy');
  const generator = new ScriptedGenerator(URL_A);
  return { generator, pool: new RoutingPool({ catalogue, health, createGenerator: async () => generator, ...options }) };
}

describe('RoutingPool: request-model policy', () => {
  it('routes hosted names to the default model, utility roles to the utility model, local names as given', async () => {
    const { pool, generator } = await poolWith(['qwen3:4b', 'qwen3:0.6b', 'llama3:latest'], { defaultModel: 'qwen3:4b', utilityModel: 'qwen3:0.6b' });
    await pool.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' }, 'p', 'main');
    for await (const _chunk of await pool.generateContentStream({ model: 'gemini-2.5-flash-lite', contents: 'hi' }, 'p', 'utility_router')) void _chunk;
    await pool.generateContent({ model: 'llama3:latest', contents: 'hi' }, 'p', 'utility_router');
    expect(generator.calls).toEqual(['qwen3:4b', 'qwen3:0.6b', 'llama3:latest']);
    expect(await pool.countTokens({ model: 'models/gemini-2.5-flash', contents: 'hi' })).toEqual({ totalTokens: 7 });
  });

  it('leaves hosted names alone in request mode (no server has them)', async () => {
    const { pool } = await poolWith(['qwen3:4b'], { defaultModel: 'qwen3:4b', requestModel: 'request' });
    await expect(pool.generateContent({ model: 'gemini-2.5-pro', contents: 'hi' })).rejects.toMatchObject({ code: 'SAMUS_ERR_MODEL_NOT_FOUND' });
  });
});
