import { type PullProgress } from '@samus/kernel';
import { pullProgressSchema } from '@samus/kernel/schemas';
import { dockerNetworkMode, EMBEDDING_MODEL, startOllama, startRegistry, type OllamaProvided, type StartedOllama, type StartedRegistry } from '@samus/test-ollama';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOllama, type OllamaContentGenerator } from '../src/index.js';

const ollama: OllamaProvided = inject('ollama');
const skipReason = !ollama.available
  ? ollama.reason
  : dockerNetworkMode() !== 'host'
    ? 'the registry runs on 127.0.0.1, which containers reach only with host networking'
    : undefined;

describe.skipIf(skipReason !== undefined)(`pull from a real registry${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let registry: StartedRegistry;
  let source: StartedOllama;
  let target: StartedOllama;
  let generator: OllamaContentGenerator;
  let name: string;

  beforeAll(async () => {
    registry = await startRegistry();
    [source, target] = await Promise.all([startOllama(), startOllama({ models: false })]);
    // The embedding model is the smallest test model: copy it under the registry's name and push it.
    name = `${registry.host}/library/minilm:pulltest`;
    const copied = await fetch(`${source.baseUrl}/api/copy`, { method: 'POST', body: JSON.stringify({ source: EMBEDDING_MODEL, destination: name }) });
    expect(copied.status).toBe(200);
    const pushed = await fetch(`${source.baseUrl}/api/push`, { method: 'POST', body: JSON.stringify({ model: name, insecure: true, stream: false }), signal: AbortSignal.timeout(300_000) });
    expect(await pushed.json()).toEqual({ status: 'success' });
    generator = createOllama({ env: {}, baseUrl: target.baseUrl, model: name });
  });

  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
    await registry?.stop();
  });

  it('pull(name, { insecure, onProgress }) reports one progress shape up to success, and the model arrives', async () => {
    expect((await generator.ollama.listModels()).map((model) => model.id)).not.toContain(name);
    const seen: PullProgress[] = [];
    await generator.ollama.pull(name, { insecure: true, onProgress: (progress) => seen.push(pullProgressSchema.parse(progress)) });
    const phases = [...new Set(seen.map((progress) => progress.phase))];
    expect(phases[0]).toBe('manifest');
    expect(phases).toContain('downloading');
    expect(phases.at(-1)).toBe('success');
    const downloading = seen.filter((progress) => progress.phase === 'downloading');
    const total = Math.max(...downloading.map((progress) => progress.totalBytes));
    expect(total).toBeGreaterThan(10_000_000);
    expect(downloading.at(-1)!.completedBytes).toBe(total);
    expect(seen.at(-1)!.percent).toBe(100);
    const models = await generator.ollama.listModels();
    expect(models.find((model) => model.id === name)).toMatchObject({ kind: 'embedding', capabilities: ['embedding'] });
    const embedded = await generator.embedContent({ model: name, contents: 'arrived' });
    expect(embedded.embeddings?.[0]?.values?.length).toBeGreaterThan(100);
  });

  it('pull() twice at once shares one download, and both callers see success', async () => {
    await generator.ollama.delete(name).catch(() => undefined);
    const first: PullProgress[] = [];
    const second: PullProgress[] = [];
    await Promise.all([
      generator.ollama.pull(name, { insecure: true, onProgress: (progress) => first.push(progress) }),
      generator.ollama.pull(name, { insecure: true, onProgress: (progress) => second.push(progress) }),
    ]);
    expect(first.at(-1)?.phase).toBe('success');
    expect(second.at(-1)?.phase).toBe('success');
    expect((await generator.ollama.listModels()).map((model) => model.id)).toContain(name);
  });

  it('pull({ signal }) aborted during the download rejects with SAMUS_ERR_ABORTED and leaves no model', async () => {
    await generator.ollama.delete(name);
    const controller = new AbortController();
    const pending = generator.ollama.pull(name, {
      insecure: true,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'downloading') controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
    expect((await generator.ollama.listModels()).map((model) => model.id)).not.toContain(name);
  });

  it('pull(unknown name) fails with SAMUS_ERR_OPERATION_FAILED carrying the server message', async () => {
    await expect(generator.ollama.pull(`${registry.host}/library/nothing-here:v1`, { insecure: true })).rejects.toMatchObject({ code: 'SAMUS_ERR_OPERATION_FAILED' });
  });
});
