import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import type { PullProgress } from '@samus/kernel';
import { pullProgressSchema } from '@samus/kernel/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import {
  downloadLMStudioModel,
  loadLMStudioModel,
  unloadLMStudioModel,
  waitForLMStudioDownload,
  type LMStudioLoadProgress,
} from './lm-studio-model-manager.js';
import { LMStudioRestClient } from './lm-studio-rest-client.js';

let mock: MockLMStudio | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('loadLMStudioModel', () => {
  it('should load with a context length, report loading then loaded, and change the state', async () => {
    mock = await startMockLMStudio({ loadDelayMs: 30 });
    const progress: LMStudioLoadProgress[] = [];
    const result = await loadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'google/gemma-3-4b', {
      contextLength: 8192,
      onProgress: (report) => progress.push(report),
    });
    expect(result).toMatchObject({ instanceId: 'google/gemma-3-4b', status: 'loaded', type: 'llm' });
    expect(result.loadTimeSeconds).toBeGreaterThanOrEqual(0);
    expect(progress.map((report) => [report.phase, report.percent])).toEqual([
      ['loading', 0],
      ['loaded', 100],
    ]);
    expect(mock.model('google/gemma-3-4b')).toMatchObject({ state: 'loaded', loadedContextLength: 8192 });
    expect(mock.requests.at(-1)!.body).toEqual({ model: 'google/gemma-3-4b', context_length: 8192 });
  });

  it('should map an unknown model to SAMUS_ERR_MODEL_NOT_FOUND', async () => {
    mock = await startMockLMStudio();
    await expect(loadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'nope')).rejects.toMatchObject({ code: 'SAMUS_ERR_MODEL_NOT_FOUND' });
  });

  it('should time out with phase "load" and say LM Studio was loading the model', async () => {
    mock = await startMockLMStudio({ loadDelayMs: 5_000 });
    const error: unknown = await loadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'google/gemma-3-4b', { timeoutMs: 100 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'SAMUS_ERR_TIMEOUT', details: { phase: 'load' } });
    expect((error as Error).message).toBe('Timed out while LM Studio was loading google/gemma-3-4b');
  });

  it('should be abortable', async () => {
    mock = await startMockLMStudio({ loadDelayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(
      loadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'google/gemma-3-4b', { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
  });

  it('should say REST loading needs 0.4+ on older servers (SAMUS_ERR_CAPABILITY_MISSING)', async () => {
    mock = await startMockLMStudio({ version: '0.3.20' });
    const error: unknown = await loadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'google/gemma-3-4b').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SAMUS_ERR_CAPABILITY_MISSING' });
    expect((error as { hint: string }).hint).toContain('lms load');
  });
});

describe('unloadLMStudioModel', () => {
  it('should unload every loaded instance of a model key', async () => {
    mock = await startMockLMStudio();
    const progress: string[] = [];
    const unloaded = await unloadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'qwen2.5-7b-instruct', {
      onProgress: (report) => progress.push(report.phase),
    });
    expect(unloaded).toEqual(['qwen2.5-7b-instruct']);
    expect(progress).toEqual(['unloading', 'unloaded']);
    expect(mock.model('qwen2.5-7b-instruct')!.state).toBe('not-loaded');
  });

  it('should do nothing for a model that is not loaded, and reject an unknown id with SAMUS_ERR_MODEL_NOT_FOUND', async () => {
    mock = await startMockLMStudio();
    const client = new LMStudioRestClient({ baseUrl: mock.url });
    await expect(unloadLMStudioModel(client, 'google/gemma-3-4b')).resolves.toEqual([]);
    await expect(unloadLMStudioModel(client, 'nope')).rejects.toMatchObject({ code: 'SAMUS_ERR_MODEL_NOT_FOUND' });
  });
});

describe('downloadLMStudioModel', () => {
  it('should poll the job and report the common progress shape up to success', async () => {
    mock = await startMockLMStudio({ downloadDurationMs: 150 });
    const progress: PullProgress[] = [];
    const result = await downloadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'qwen/qwen3-4b', {
      pollIntervalMs: 20,
      onProgress: (report) => progress.push(pullProgressSchema.parse(report)),
    });
    expect(result.status).toBe('completed');
    expect(result.jobId).toMatch(/^job_/);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ phase: 'success', percent: 100 });
    expect(progress.at(-1)!.completedBytes).toBe(progress.at(-1)!.totalBytes);
    const percents = progress.map((report) => report.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(mock.model('qwen/qwen3-4b')).toBeDefined();
  });

  it('should report already_downloaded at once for a model the server has', async () => {
    mock = await startMockLMStudio();
    const progress: PullProgress[] = [];
    const result = await downloadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'qwen2.5-7b-instruct', { onProgress: (report) => progress.push(report) });
    expect(result.status).toBe('already_downloaded');
    expect(progress).toEqual([expect.objectContaining({ phase: 'success', percent: 100 })]);
  });

  it('should reject a failed job with SAMUS_ERR_OPERATION_FAILED', async () => {
    mock = await startMockLMStudio({ downloadDurationMs: 60, failingDownloads: ['broken/model'] });
    await expect(downloadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'broken/model', { pollIntervalMs: 15 })).rejects.toMatchObject({
      code: 'SAMUS_ERR_OPERATION_FAILED',
    });
  });

  it('should stop waiting on abort with SAMUS_ERR_ABORTED carrying the job id, and resume with waitForLMStudioDownload', async () => {
    mock = await startMockLMStudio({ downloadDurationMs: 300 });
    const client = new LMStudioRestClient({ baseUrl: mock.url });
    const controller = new AbortController();
    const error: unknown = await downloadLMStudioModel(client, 'qwen/qwen3-4b', {
      pollIntervalMs: 20,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SAMUS_ERR_ABORTED', details: { jobId: expect.stringMatching(/^job_/) } });
    const jobId = (error as { details: { jobId: string } }).details.jobId;
    await expect(waitForLMStudioDownload(client, jobId, { pollIntervalMs: 20 })).resolves.toMatchObject({ status: 'completed', jobId });
  });

  it('should give up after timeoutMs with SAMUS_ERR_TIMEOUT', async () => {
    mock = await startMockLMStudio({ downloadDurationMs: 10_000 });
    await expect(
      downloadLMStudioModel(new LMStudioRestClient({ baseUrl: mock.url }), 'qwen/qwen3-4b', { pollIntervalMs: 20, timeoutMs: 100 }),
    ).rejects.toMatchObject({ code: 'SAMUS_ERR_TIMEOUT' });
  });

  it('should reject an unknown job id with SAMUS_ERR_OPERATION_FAILED', async () => {
    mock = await startMockLMStudio();
    await expect(waitForLMStudioDownload(new LMStudioRestClient({ baseUrl: mock.url }), 'job_nope')).rejects.toMatchObject({ code: 'SAMUS_ERR_OPERATION_FAILED' });
  });
});
