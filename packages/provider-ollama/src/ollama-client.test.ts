import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SamusError, type PullProgress } from '@samus/kernel';
import { modelInfoSchema, providerHealthSchema, pullProgressSchema } from '@samus/kernel/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaClient } from './ollama-client.js';
import { startFakeOllama, type FakeOllama } from './test-support/fake-ollama-server.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('OllamaClient.listModels', () => {
  it('should merge tags, show and ps: capabilities, kind, context lengths, loaded state, aliases', async () => {
    fake = await startFakeOllama({ loaded: { 'gemma3:270m': 4096 } });
    const client = new OllamaClient({ baseUrl: fake.url });
    const models = await client.listModels();
    for (const model of models) modelInfoSchema.parse(model);
    const gemma = models.find((model) => model.id === 'gemma3:270m')!;
    expect(gemma).toMatchObject({ kind: 'chat', loaded: true, contextLength: 32_768, loadedContextLength: 4096, defaultNumCtx: 4096, family: 'gemma3', quantization: 'Q4_K_M' });
    expect(models.find((model) => model.id === 'all-minilm:l6-v2')).toMatchObject({ kind: 'embedding', loaded: false, capabilities: ['embedding'] });
    expect(models.find((model) => model.id === 'llama3:latest')!.aliases).toEqual(['llama3']);
    expect(await client.findModel('LLAMA3')).toMatchObject({ id: 'llama3:latest' });
    expect(await client.findModel('llama3:70b')).toBeUndefined();
  });

  it('should call /api/show once per digest across listings', async () => {
    fake = await startFakeOllama();
    const client = new OllamaClient({ baseUrl: fake.url });
    await client.listModels();
    await client.listModels();
    expect(fake.requests.filter((request) => request.path === '/api/show')).toHaveLength(4);
  });

  it('should reject with SAMUS_ERR_ABORTED for an aborted signal', async () => {
    fake = await startFakeOllama();
    const controller = new AbortController();
    controller.abort();
    await expect(new OllamaClient({ baseUrl: fake.url }).listModels({ signal: controller.signal })).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
  });
});

describe('OllamaClient.health', () => {
  it('should report ok with the version for Ollama', async () => {
    fake = await startFakeOllama();
    const health = providerHealthSchema.parse(await new OllamaClient({ baseUrl: fake.url }).health());
    expect(health).toMatchObject({ ok: true, version: '0.11.4', warnings: [] });
    expect(fake.requests.map((request) => request.path)).toEqual(['/', '/api/version']);
  });

  it('should warn when the version is below the tested range', async () => {
    fake = await startFakeOllama({ version: '0.5.7' });
    const health = await new OllamaClient({ baseUrl: fake.url }).health();
    expect(health.ok).toBe(true);
    expect(health.warnings[0]).toMatch(/0\.5\.7 is older than the tested range/);
  });

  it('should describe "not running" without throwing', async () => {
    const baseUrl = await closedPortUrl();
    const health = providerHealthSchema.parse(await new OllamaClient({ baseUrl }).health());
    expect(health.ok).toBe(false);
    expect(health.error).toMatchObject({ code: 'SAMUS_ERR_SERVER_NOT_RUNNING', message: `Ollama is not running at ${baseUrl} — start it with \`ollama serve\`` });
  });

  it('should report SAMUS_ERR_WRONG_BASE_URL for a server that is not Ollama', async () => {
    fake = await startFakeOllama({ override: () => ({ status: 200, body: '<html>router admin</html>', contentType: 'text/html' }) });
    const health = await new OllamaClient({ baseUrl: fake.url }).health();
    expect(health.error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });
});

describe('OllamaClient.pull', () => {
  const script = () => [
    { status: 'pulling manifest' },
    { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:a', total: 100 },
    { delayMs: 30 },
    { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:a', total: 100, completed: 60 },
    { delayMs: 30 },
    { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:a', total: 100, completed: 100 },
    { status: 'verifying sha256 digest' },
    { status: 'writing manifest' },
    { status: 'success' },
  ];

  it('should report progress in one shape and resolve on success', async () => {
    fake = await startFakeOllama({ pull: script });
    const seen: PullProgress[] = [];
    await new OllamaClient({ baseUrl: fake.url }).pull('tiny:1b', { onProgress: (progress) => seen.push(pullProgressSchema.parse(progress)) });
    expect(seen.map((progress) => progress.phase)).toEqual(['manifest', 'downloading', 'downloading', 'downloading', 'verifying', 'writing', 'success']);
    expect(seen.map((progress) => progress.percent)).toEqual([0, 0, 60, 100, 100, 100, 100]);
    expect(fake.requests.find((request) => request.path === '/api/pull')?.body).toEqual({ model: 'tiny:1b', insecure: false, stream: true });
  });

  it('should share one download between concurrent pulls of the same model', async () => {
    fake = await startFakeOllama({ pull: script });
    const client = new OllamaClient({ baseUrl: fake.url });
    const first: number[] = [];
    const second: number[] = [];
    await Promise.all([
      client.pull('tiny:1b', { onProgress: (progress) => first.push(progress.percent) }),
      client.pull('TINY:1b', { onProgress: (progress) => second.push(progress.percent) }),
    ]);
    expect(fake.requests.filter((request) => request.path === '/api/pull')).toHaveLength(1);
    expect(first.at(-1)).toBe(100);
    expect(second.at(-1)).toBe(100);
  });

  it('should turn an {"error":…} line inside the 200 stream into SAMUS_ERR_OPERATION_FAILED', async () => {
    fake = await startFakeOllama({ pull: () => [{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }] });
    const error = await new OllamaClient({ baseUrl: fake.url }).pull('nope:1b').catch((caught: unknown) => caught);
    expect(SamusError.is(error, 'SAMUS_ERR_OPERATION_FAILED')).toBe(true);
    expect((error as SamusError).message).toContain('file does not exist');
  });

  it('should stop the download when aborted, and only when every caller aborted', async () => {
    fake = await startFakeOllama({ pull: () => [{ status: 'pulling manifest' }, { delayMs: 5_000 }, { status: 'success' }] });
    const client = new OllamaClient({ baseUrl: fake.url });
    const one = new AbortController();
    const two = new AbortController();
    const first = client.pull('slow:1b', { signal: one.signal });
    const second = client.pull('slow:1b', { signal: two.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    one.abort();
    await expect(first).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
    expect(fake.openStreams()).toBe(1);
    two.abort();
    await expect(second).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
    await expect.poll(() => fake!.openStreams(), { timeout: 6_000 }).toBe(0);
  });

  it('should refuse an invalid name with a coded error', async () => {
    fake = await startFakeOllama({ override: (request) => (request.url === '/api/pull' ? { status: 400, body: '{"error":"invalid model name"}' } : undefined) });
    await expect(new OllamaClient({ baseUrl: fake.url }).pull('bad name')).rejects.toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST' });
  });
});

describe('OllamaClient delete / preload / unload / ps', () => {
  it('should delete a model, and report an unknown one with the nearest installed names', async () => {
    fake = await startFakeOllama();
    const client = new OllamaClient({ baseUrl: fake.url });
    await client.delete('gemma3:270m');
    const error = (await client.delete('gemma3:1b').catch((caught: unknown) => caught)) as SamusError;
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.details.suggestions).toContain('gemma3:270m');
    expect(error.hint).toContain('gemma3:270m');
  });

  it('should preload with keep_alive and num_ctx and unload with keep_alive 0', async () => {
    fake = await startFakeOllama({ loaded: { 'gemma3:270m': 8192 } });
    const client = new OllamaClient({ baseUrl: fake.url });
    await client.preload('gemma3:270m', { keepAlive: '1h', numCtx: 8192 });
    await client.unload('gemma3:270m');
    const bodies = fake.requests.filter((request) => request.path === '/api/chat').map((request) => request.body);
    expect(bodies).toEqual([
      { model: 'gemma3:270m', messages: [], stream: false, keep_alive: '1h', options: { num_ctx: 8192 } },
      { model: 'gemma3:270m', messages: [], stream: false, keep_alive: 0 },
    ]);
    expect((await client.ps())[0]).toMatchObject({ name: 'gemma3:270m', context_length: 8192 });
  });

  it('should refuse an invalid keep-alive before sending', async () => {
    fake = await startFakeOllama();
    await expect(new OllamaClient({ baseUrl: fake.url }).preload('gemma3:270m', { keepAlive: '10' })).rejects.toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST' });
    expect(fake.requests).toHaveLength(0);
  });

  it('should report preloading an unknown model as SAMUS_ERR_MODEL_NOT_FOUND', async () => {
    fake = await startFakeOllama();
    await expect(new OllamaClient({ baseUrl: fake.url }).preload('llama9')).rejects.toMatchObject({ code: 'SAMUS_ERR_MODEL_NOT_FOUND' });
  });
});
