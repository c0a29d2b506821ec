import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiscovery, createPoolPlugin, POOL_AUTH_TYPE } from '@samus/discovery';
import {
  createGenerateContentResponse,
  createKernel,
  definePlugin,
  FinishReason,
  SamusError,
  SPECIFICATION_VERSION,
  type AdminConfig,
  type ContentGenerator,
  type GenerateContentParameters,
  type ModelInfo,
  type ProviderAdmin,
  type ServerFingerprint,
} from '@samus/kernel';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { memoryIo } from './testing-io.js';

/**
 * The proof that the kernel is the only seam: a made-up server kind ("Acme LLM", served in-process below) and its
 * plugin, defined in this file only, show up in `samus discover`, `samus models`, routing (the pool, and `samus chat`)
 * and `samus pull`, with no change to the kernel, discovery or the CLI.
 */

// ------------------------------------------------------------------------------------------- the Acme server

interface AcmeServer {
  url: string;
  models: { name: string; loaded: boolean }[];
  generated: string[];
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Acme LLM's API: `/acme/hello`, `/acme/models`, `/acme/generate`, `/acme/pull` (NDJSON); 404 elsewhere (no `/v1`). */
async function startAcme(): Promise<AcmeServer> {
  const state: Omit<AcmeServer, 'url' | 'close'> = { models: [{ name: 'acme-small', loaded: true }], generated: [] };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const route = `${request.method} ${request.url}`;
      if (route === 'GET /acme/hello') return json(response, 200, { acme: '1.2.3' });
      if (route === 'GET /acme/models') return json(response, 200, { models: state.models });
      if (route === 'POST /acme/generate') {
        const body = await readJson(request);
        const model = String(body.model);
        if (!state.models.some((m) => m.name === model)) return json(response, 404, { problem: `no model ${model}` });
        state.generated.push(model);
        return json(response, 200, { text: `acme ${model} says hi` });
      }
      if (route === 'POST /acme/pull') {
        const body = await readJson(request);
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        for (const done of [0, 50, 100]) response.write(`${JSON.stringify({ done, total: 100 })}\n`);
        state.models.push({ name: String(body.model), loaded: false });
        return response.end();
      }
      json(response, 404, { problem: 'unknown path' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ------------------------------------------------------------------------------------------- the Acme plugin

async function acmeModels(baseUrl: string, signal?: AbortSignal): Promise<ModelInfo[]> {
  const response = await fetch(`${baseUrl}/acme/models`, signal ? { signal } : {});
  const body = (await response.json()) as { models: { name: string; loaded: boolean }[] };
  return body.models.map((model) => ({ id: model.name, aliases: [], kind: 'chat', capabilities: ['completion'], loaded: model.loaded }));
}

function acmeGenerator(baseUrl: string): ContentGenerator {
  const generate = async (request: GenerateContentParameters) => {
    const response = await fetch(`${baseUrl}/acme/generate`, { method: 'POST', body: JSON.stringify({ model: request.model }) });
    if (response.status === 404) throw new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `Acme has no model ${request.model}`, { details: { model: request.model } });
    const { text } = (await response.json()) as { text: string };
    return createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: FinishReason.STOP, index: 0 }] });
  };
  return {
    generateContent: generate,
    generateContentStream: async (request) => {
      const response = await generate(request);
      return (async function* () {
        yield response;
      })();
    },
    countTokens: async () => ({ totalTokens: 1 }),
    embedContent: async () => {
      throw new SamusError('SAMUS_ERR_CAPABILITY_MISSING', 'Acme has no embeddings');
    },
  };
}

function acmeAdmin(config: AdminConfig): ProviderAdmin {
  return {
    listModels: (options = {}) => acmeModels(config.baseUrl, options.signal),
    async health() {
      const response = await fetch(`${config.baseUrl}/acme/hello`);
      return { ok: response.ok, baseUrl: config.baseUrl, latencyMs: 0, warnings: [], ...(response.ok ? {} : { error: { code: 'SAMUS_ERR_SERVER_ERROR', message: 'down', hint: 'start it' } }) };
    },
    async pull(model, options = {}) {
      const response = await fetch(`${config.baseUrl}/acme/pull`, { method: 'POST', body: JSON.stringify({ model }) });
      const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as { done: number; total: number });
      for (const { done, total } of lines) {
        options.onProgress?.({ phase: done === total ? 'success' : 'downloading', status: `acme ${done}%`, completedBytes: done, totalBytes: total, percent: done });
      }
      return { status: 'success', totalBytes: 100 };
    },
  };
}

async function fingerprintAcme(url: string, signal: AbortSignal): Promise<ServerFingerprint | undefined> {
  let response: Response;
  try {
    response = await fetch(`${url}/acme/hello`, { signal });
  } catch (error) {
    throw new SamusError(signal.aborted ? 'SAMUS_ERR_TIMEOUT' : 'SAMUS_ERR_SERVER_NOT_RUNNING', `no answer at ${url}`, { cause: error });
  }
  const body = (await response.json().catch(() => undefined)) as { acme?: unknown } | undefined;
  return typeof body?.acme === 'string' ? { version: body.acme, authRequired: false, apis: ['acme'] } : undefined;
}

const acmePlugin = definePlugin({
  id: 'acme',
  specificationVersion: SPECIFICATION_VERSION,
  displayName: 'Acme LLM',
  authTypes: ['acme'],
  configSpecs: { acme: { baseUrlEnv: ['ACME_BASE_URL'], modelEnv: ['ACME_MODEL'], defaultModel: 'acme-small', requiresBaseUrl: true } },
  capabilities: { streaming: true, modelListing: true, health: true, pull: true },
  load: async () => ({
    createContentGenerator: (config) => acmeGenerator(config.baseUrl!),
    createAdmin: acmeAdmin,
    fingerprint: fingerprintAcme,
  }),
});

// ------------------------------------------------------------------------------------------------ the proof

let acme: AcmeServer;
let lmStudio: MockLMStudio;
beforeAll(async () => {
  acme = await startAcme();
  lmStudio = await startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }] });
});
afterAll(async () => {
  await acme.close();
  await lmStudio.close();
});

/** A CLI environment that knows Acme only through its plugin and the plugin's own variable. */
function acmeIo() {
  return { ...memoryIo({ ACME_BASE_URL: acme.url }), plugins: [acmePlugin] };
}

describe('a third plugin for a made-up server kind, registered from outside', () => {
  it('samus discover finds the Acme server by its plugin\'s fingerprint and variable, with health and models', async () => {
    const io = acmeIo();
    expect(await runCli(['discover', '--json', '--ports', 'none', '--host', lmStudio.url], io)).toBe(0);
    const servers = (JSON.parse(io.out()) as { servers: { url: string; kind: string; version?: string; source: string; health: string; models: { id: string }[] }[] }).servers;
    expect(servers.find((s) => s.url === acme.url)).toMatchObject({ kind: 'acme', version: '1.2.3', source: 'env:ACME_BASE_URL', health: 'healthy', models: [{ id: 'acme-small' }] });
    expect(servers.find((s) => s.url === lmStudio.url)).toMatchObject({ kind: 'lm-studio' });
    // Without the plugin the same address is just an unknown HTTP server.
    const without = memoryIo({});
    expect(await runCli(['discover', '--json', '--ports', 'none', '--host', acme.url], without)).toBe(1);
    expect(without.err()).toContain('no registered plugin recognises it');
  });

  it('samus models lists the Acme models next to LM Studio\'s', async () => {
    const io = acmeIo();
    expect(await runCli(['models', '--json', '--ports', 'none', '--host', lmStudio.url], io)).toBe(0);
    const models = (JSON.parse(io.out()) as { models: { id: string; server: string; serverKind: string }[] }).models;
    expect(models.map((m) => [m.id, m.serverKind])).toEqual(expect.arrayContaining([['acme-small', 'acme'], ['qwen2.5-7b-instruct', 'lm-studio']]));
  });

  it('routes: the pool sends Acme models to the Acme server and the others elsewhere; samus chat --auth auto too', async () => {
    const kernel = createKernel({ env: { ACME_BASE_URL: acme.url } }).register(lmStudioPlugin).register(acmePlugin);
    const discovery = createDiscovery({ kernel, hosts: [lmStudio.url], ports: [] });
    try {
      kernel.register(createPoolPlugin(discovery));
      const pool = await kernel.createContentGenerator(kernel.createContentGeneratorConfig(POOL_AUTH_TYPE, { model: 'acme-small' }));
      expect((await pool.generateContent({ model: 'acme-small', contents: 'hi' })).text).toBe('acme acme-small says hi');
      expect((await pool.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'hi' })).text?.length).toBeGreaterThan(0);
      expect(lmStudio.requests.some((r) => r.path.includes('chat'))).toBe(true);
    } finally {
      discovery.close();
    }
    const io = acmeIo();
    expect(await runCli(['chat', '--json', '--ports', 'none', '--model', 'acme-small', 'hi'], io)).toBe(0);
    expect(JSON.parse(io.out().trimEnd().split('\n').at(-1)!)).toMatchObject({ ok: true, auth: 'auto', model: 'acme-small', text: 'acme acme-small says hi' });
    expect(acme.generated.filter((m) => m === 'acme-small').length).toBeGreaterThanOrEqual(2);
  });

  it('samus pull --auth acme downloads through the plugin\'s admin, with progress in the common shape', async () => {
    const io = acmeIo();
    expect(await runCli(['pull', '--auth', 'acme', '--json', 'acme-large'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, -1).map((e) => [e.event, e.phase, e.percent])).toEqual([
      ['progress', 'downloading', 0],
      ['progress', 'downloading', 50],
      ['progress', 'success', 100],
    ]);
    expect(lines.at(-1)).toMatchObject({ ok: true, auth: 'acme', model: 'acme-large', server: acme.url, status: 'success', totalBytes: 100 });
    const models = acmeIo();
    expect(await runCli(['models', '--json', '--ports', 'none'], models)).toBe(0);
    expect((JSON.parse(models.out()) as { models: { id: string }[] }).models.map((m) => m.id)).toContain('acme-large');
    // Plugins that cannot pull are not offered; one that is not registered is not either.
    const unknown = memoryIo({ ACME_BASE_URL: acme.url });
    expect(await runCli(['pull', '--auth', 'acme', 'acme-large'], unknown)).toBe(2);
    expect(unknown.err()).toContain('--auth must be one of ollama, lm-studio, got "acme"');
  });
});
