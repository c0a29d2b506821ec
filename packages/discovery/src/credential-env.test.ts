import { createKernel } from '@samus/kernel';
import { startMockLMStudio } from '@samus/mock-lmstudio';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { describe, expect, it } from 'vitest';
import { createDiscovery } from './discovery.js';
import { openAILikeHandler, startTestServer } from './testing/http-test-server.js';

const TOKEN = 'sk-lm-AAAAAAAA:BBBBBBBBBBBBBBBBBBBB';

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('credentials reach only configured servers', () => {
  it('keeps LM_API_TOKEN from a server found by scanning ports, and sends it to one given as a host', async () => {
    const mock = await startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }] });
    const env = { LM_API_TOKEN: TOKEN };
    try {
      const kernel = createKernel({ env }).register(lmStudioPlugin);
      const scanned = createDiscovery({ kernel, env, ports: [portOf(mock.url)] });
      await scanned.refresh();
      expect(scanned.servers().map((server) => server.source)).toContain('default');
      const pool = scanned.createPool({ defaultModel: 'qwen2.5-7b-instruct' });
      await pool.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'hi' });
      scanned.close();
      expect(mock.requests.length).toBeGreaterThan(0);
      expect(mock.requests.filter((request) => request.headers.authorization !== undefined)).toEqual([]);

      const before = mock.requests.length;
      const configured = createDiscovery({ kernel, env, ports: [], hosts: [mock.url] });
      await configured.refresh();
      await configured.createPool({ defaultModel: 'qwen2.5-7b-instruct' }).generateContent({ model: 'qwen2.5-7b-instruct', contents: 'hi' });
      configured.close();
      const authorized = mock.requests.slice(before).filter((request) => request.headers.authorization === `Bearer ${TOKEN}`);
      expect(authorized.length).toBeGreaterThan(0);
    } finally {
      await mock.close();
    }
  });

  it('never sends OPENAI_API_KEY to an OpenAI-compatible server it found on a port', async () => {
    const seen: (string | undefined)[] = [];
    const server = await startTestServer((request, response) => {
      seen.push(request.headers.authorization);
      openAILikeHandler({ models: ['tiny-model'] })(request, response);
    });
    const env = { OPENAI_API_KEY: 'sk-cloud-secret' };
    try {
      const kernel = createKernel({ env }).register(openaiPlugin);
      const discovery = createDiscovery({ kernel, env, ports: [portOf(server.url)] });
      await discovery.refresh();
      expect(discovery.catalogue.models().map((model) => model.id)).toContain('tiny-model');
      discovery.close();
      expect(JSON.stringify(discovery.servers())).not.toContain('sk-cloud-secret');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((value) => value !== undefined)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('says why a scanned server that wants a token got none, and how to configure it', async () => {
    const locked = await startMockLMStudio({ apiToken: TOKEN, models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }] });
    const env = { LM_API_TOKEN: TOKEN };
    try {
      const kernel = createKernel({ env }).register(lmStudioPlugin);
      const discovery = createDiscovery({ kernel, env, ports: [portOf(locked.url)] });
      await discovery.refresh();
      discovery.close();
      const error = discovery.catalogue.errors()[0]?.error;
      expect(error).toMatchObject({ code: 'SAMUS_ERR_UNAUTHORIZED', details: { withheld: ['LM_API_TOKEN'] } });
      expect((error as { hint: string }).hint).toContain('--host');
      expect(JSON.stringify(error)).not.toContain(TOKEN);
    } finally {
      await locked.close();
    }
  });
});
