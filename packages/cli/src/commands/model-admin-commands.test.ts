import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { startFakeOllama, type FakeOllama } from '../testing-fake-ollama.js';
import { memoryIo } from '../testing-io.js';

let ollama: FakeOllama;
let lmStudio: MockLMStudio;
const discoverBoth = () => ['--ports', 'none', '--timeout', '5000', '--host', ollama.url, '--host', lmStudio.url];

beforeEach(async () => {
  ollama = await startFakeOllama([
    { name: 'gemma3:270m', contextLength: 32_768 },
    { name: 'smollm2:135m', contextLength: 8_192, numCtx: 2_048 },
    { name: 'all-minilm:l6-v2', capabilities: ['embedding'], contextLength: 512 },
  ]);
  lmStudio = await startMockLMStudio({
    models: [
      { id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true, maxContextLength: 32_768, loadedContextLength: 8_192 },
      { id: 'google/gemma-3-4b', type: 'llm', maxContextLength: 131_072 },
    ],
  });
});
afterAll(async () => {
  await ollama?.close();
  await lmStudio?.close();
});
beforeAll(() => undefined);

describe('samus models: the CONTEXT column', () => {
  it('shows the window a chat request will use (loaded context, Modelfile num_ctx, OLLAMA_CONTEXT_LENGTH, the server default) and the trained maximum', async () => {
    const io = memoryIo();
    expect(await runCli(['models', ...discoverBoth()], io)).toBe(0);
    const row = (id: string) => io.out().split('\n').find((line) => line.startsWith(`${id} `)) ?? '';
    expect(row('gemma3:270m')).toContain(' 4096 (max 32768) ');
    expect(row('smollm2:135m')).toContain(' 2048 (max 8192) ');
    expect(row('qwen2.5-7b-instruct')).toContain(' 8192 (max 32768) ');
    expect(row('google/gemma-3-4b')).toContain(' 4096 (max 131072) ');
    const env = memoryIo({ OLLAMA_CONTEXT_LENGTH: '16384' });
    expect(await runCli(['models', ...discoverBoth(), '--json'], env)).toBe(0);
    const { models } = JSON.parse(env.out()) as { models: { id: string; contextWindow?: { tokens: number; source: string; trained?: number } }[] };
    expect(models.find((m) => m.id === 'gemma3:270m')!.contextWindow).toEqual({ tokens: 16_384, source: 'numCtx', trained: 32_768 });
    expect(models.find((m) => m.id === 'qwen2.5-7b-instruct')!.contextWindow).toEqual({ tokens: 8_192, source: 'loaded', trained: 32_768 });
  });
});

describe('samus ps / show / load / unload / rm', () => {
  it('load and unload work on Ollama and LM Studio through discovery; ps lists what is loaded on both', async () => {
    const load = memoryIo();
    expect(await runCli(['load', ...discoverBoth(), '--context-length', '8192', 'gemma3:270m'], load)).toBe(0);
    expect(load.out()).toBe(`loaded gemma3:270m · ${ollama.url}\n`);
    expect(ollama.loaded.get('gemma3:270m')).toBe(8_192);
    const lmLoad = memoryIo();
    expect(await runCli(['load', ...discoverBoth(), '--json', 'google/gemma-3-4b'], lmLoad)).toBe(0);
    expect(JSON.parse(lmLoad.out())).toEqual({ ok: true, action: 'load', model: 'google/gemma-3-4b', server: lmStudio.url, serverKind: 'lm-studio' });
    expect(lmStudio.model('google/gemma-3-4b')?.state).toBe('loaded');

    const ps = memoryIo();
    expect(await runCli(['ps', ...discoverBoth()], ps)).toBe(0);
    expect(ps.out()).toMatch(/^MODEL\s+KIND\s+CONTEXT\s+SIZE\s+UNTIL\s+SERVER\n/);
    expect(ps.out()).toMatch(/gemma3:270m\s+chat\s+8192 \(max 32768\)\s+\S+ MB\s+in 4 minutes\s+http/);
    expect(ps.out()).toContain('qwen2.5-7b-instruct');
    expect(ps.out()).toContain('google/gemma-3-4b');
    const psJson = memoryIo();
    expect(await runCli(['ps', ...discoverBoth(), '--json'], psJson)).toBe(0);
    expect((JSON.parse(psJson.out()) as { models: { id: string }[] }).models.map((m) => m.id).sort()).toEqual(['gemma3:270m', 'google/gemma-3-4b', 'qwen2.5-7b-instruct']);

    const unload = memoryIo();
    expect(await runCli(['unload', ...discoverBoth(), 'gemma3:270m'], unload)).toBe(0);
    expect(ollama.loaded.has('gemma3:270m')).toBe(false);
    const lmUnload = memoryIo();
    expect(await runCli(['unload', '--auth', 'lm-studio', '--base-url', lmStudio.url, 'qwen2.5-7b-instruct'], lmUnload)).toBe(0);
    expect(lmStudio.model('qwen2.5-7b-instruct')?.state).toBe('not-loaded');
    const onlyOllama = memoryIo();
    expect(await runCli(['ps', '--auth', 'ollama', '--base-url', ollama.url], onlyOllama)).toBe(0);
    expect(onlyOllama.out()).toBe('No model is loaded.\n');
  });

  it('show prints one model, found by its short name', async () => {
    const io = memoryIo();
    expect(await runCli(['show', ...discoverBoth(), 'smollm2:135m'], io)).toBe(0);
    expect(io.out()).toMatch(/^model\s+smollm2:135m$/m);
    expect(io.out()).toMatch(/^kind\s+chat$/m);
    expect(io.out()).toMatch(/^context\s+2048 tokens \(modelfile\)$/m);
    expect(io.out()).toMatch(/^max context\s+8192 tokens$/m);
    expect(io.out()).toContain(`${ollama.url} (Ollama)`);
    const json = memoryIo();
    expect(await runCli(['show', '--auth', 'lm-studio', '--base-url', lmStudio.url, '--json', 'qwen2.5-7b-instruct'], json)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ ok: true, model: { id: 'qwen2.5-7b-instruct', kind: 'chat', loaded: true, server: lmStudio.url, contextWindow: { tokens: 8_192 } } });
    const missing = memoryIo();
    expect(await runCli(['show', ...discoverBoth(), 'gemma3'], missing)).toBe(1);
    expect(missing.err()).toContain('[SAMUS_ERR_MODEL_NOT_FOUND] No model "gemma3"');
    expect(missing.err()).toContain('Did you mean `gemma3:270m`');
    expect(missing.err()).toContain('`samus pull gemma3`');
  });

  it('rm deletes from Ollama; LM Studio cannot delete and says so; an unknown model is MODEL_NOT_FOUND', async () => {
    const io = memoryIo();
    expect(await runCli(['rm', ...discoverBoth(), 'smollm2:135m'], io)).toBe(0);
    expect(io.out()).toBe(`removed smollm2:135m · ${ollama.url}\n`);
    expect(ollama.models.map((m) => m.name)).not.toContain('smollm2:135m');
    expect(ollama.requests.some((r) => r.method === 'DELETE' && r.path === '/api/delete' && r.body.model === 'smollm2:135m')).toBe(true);
    const lm = memoryIo();
    expect(await runCli(['rm', ...discoverBoth(), 'google/gemma-3-4b'], lm)).toBe(1);
    expect(lm.err()).toContain(`[SAMUS_ERR_CAPABILITY_MISSING] LM Studio at ${lmStudio.url} cannot delete models through its API`);
    const auth = memoryIo();
    expect(await runCli(['rm', '--auth', 'lm-studio', 'x'], auth)).toBe(2);
    expect(auth.err()).toContain('--auth must be one of ollama');
    const missing = memoryIo();
    expect(await runCli(['rm', '--auth', 'ollama', '--base-url', ollama.url, '--json', 'nope:1b'], missing)).toBe(1);
    expect(JSON.parse(missing.err())).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_MODEL_NOT_FOUND', hint: expect.stringContaining('samus pull nope:1b') } });
    const baseUrlAlone = memoryIo();
    expect(await runCli(['rm', '--base-url', ollama.url, 'gemma3:270m'], baseUrlAlone)).toBe(2);
    expect(baseUrlAlone.err()).toContain('--base-url needs --auth');
  });
});
