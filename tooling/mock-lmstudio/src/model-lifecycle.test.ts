// JIT loading (no headers during the load delay), auto-evict, idle TTL, /api/v1 load/unload/download, auth mode.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, waitFor } from './mock-http.test-utils';
import { startMockLMStudio } from './start-mock-lmstudio';
import { authErrorSchema, downloadJobSchema, v0ModelListSchema, v1ErrorSchema } from './wire-schemas.test-utils';
import { mockPerTest } from './testing/mock-per-test';

const ask = (model: string, extra: object = {}) => ({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('mock LM Studio model lifecycle', () => {
  const start = mockPerTest();

  describe('JIT loading', () => {
    it('sends no response headers while the model loads, then answers', async () => {
      const server = await start({ loadDelayMs: 300 });
      let headersAt: number | undefined;
      const done = new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          headersAt = Date.now();
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(JSON.stringify(ask('google/gemma-3-4b')));
      });
      await waitFor(() => server.model('google/gemma-3-4b')?.state === 'loading');
      const loading = await call(server.url, 'GET', '/api/v0/models/google/gemma-3-4b');
      expect(loading.json).toMatchObject({ state: 'loading' });
      expect(headersAt).toBeUndefined();
      expect(await done).toBe(200);
      expect(server.model('google/gemma-3-4b')).toMatchObject({ state: 'loaded', loadedBy: 'jit', ttlSec: 3600, loadCount: 1 });
    });

    it('concurrent requests for an unloaded model share one load', async () => {
      const server = await start({ loadDelayMs: 100 });
      const results = await Promise.all([1, 2, 3].map(() => call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'))));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(server.model('google/gemma-3-4b')?.loadCount).toBe(1);
    });

    it('only the last JIT-loaded model is kept (manual loads untouched); autoEvict: false keeps both', async () => {
      const models = [
        { id: 'manual', type: 'llm' as const, loaded: true },
        { id: 'a', type: 'llm' as const },
        { id: 'b', type: 'llm' as const },
      ];
      const server = await start({ models });
      await call(server.url, 'POST', '/v1/chat/completions', ask('a'));
      await call(server.url, 'POST', '/v1/chat/completions', ask('b'));
      expect(server.models().map((m) => [m.id, m.state])).toEqual([
        ['manual', 'loaded'],
        ['a', 'not-loaded'],
        ['b', 'loaded'],
      ]);
      const keep = await startMockLMStudio({ models, autoEvict: false });
      try {
        await call(keep.url, 'POST', '/v1/chat/completions', ask('a'));
        await call(keep.url, 'POST', '/v1/chat/completions', ask('b'));
        expect(keep.models().filter((m) => m.state === 'loaded').map((m) => m.id)).toEqual(['manual', 'a', 'b']);
      } finally {
        await keep.close();
      }
    });

    it('a failing JIT load answers "No models loaded"; a failing /api/v1 load answers 500 internal_error ([inferred])', async () => {
      const server = await start({ failingLoads: ['google/gemma-3-4b'], loadDelayMs: 10 });
      const jit = await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'));
      expect(jit.status).toBe(400);
      expect(jit.json).toMatchObject({ error: { message: expect.stringMatching(/^No models loaded\./), code: null } });
      expect(server.model('google/gemma-3-4b')?.state).toBe('not-loaded');
      const manual = await call(server.url, 'POST', '/api/v1/models/load', { model: 'google/gemma-3-4b' });
      expect(manual.status).toBe(500);
      expect(v1ErrorSchema.parse(manual.json).error).toMatchObject({ type: 'internal_error', message: expect.stringContaining('Failed to load model') });
    });

    it('embeddings requests JIT-load the embeddings model too', async () => {
      const server = await start({ loadDelayMs: 20 });
      const res = await call(server.url, 'POST', '/v1/embeddings', { model: 'text-embedding-nomic-embed-text-v1.5', input: 'x' });
      expect(res.status).toBe(200);
      expect(server.model('text-embedding-nomic-embed-text-v1.5')?.state).toBe('loaded');
    });
  });

  describe('idle TTL', () => {
    it('evicts a JIT-loaded model after ttlDefaultSec idle; manual loads stay', async () => {
      const server = await start({ ttlDefaultSec: 0.15 });
      await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'));
      expect(server.model('google/gemma-3-4b')?.state).toBe('loaded');
      await waitFor(() => server.model('google/gemma-3-4b')?.state === 'not-loaded');
      expect(server.model('qwen2.5-7b-instruct')?.state).toBe('loaded');
      const list = v0ModelListSchema.parse((await call(server.url, 'GET', '/api/v0/models')).json);
      expect(list.data.find((m) => m.id === 'google/gemma-3-4b')?.state).toBe('not-loaded');
    });

    it('the request ttl field sets the TTL of the load it triggers', async () => {
      const server = await start();
      await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b', { ttl: 0.1 }));
      expect(server.model('google/gemma-3-4b')?.ttlSec).toBe(0.1);
      await waitFor(() => server.model('google/gemma-3-4b')?.state === 'not-loaded');
    });

    it('each request resets the idle timer', async () => {
      const server = await start({ ttlDefaultSec: 0.6 });
      await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'));
      for (let i = 0; i < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'));
      }
      expect(server.model('google/gemma-3-4b')).toMatchObject({ state: 'loaded', loadCount: 1 });
      await waitFor(() => server.model('google/gemma-3-4b')?.state === 'not-loaded');
    });
  });

  describe('/api/v1 model management', () => {
    it('load waits the load delay and loads manually (no TTL); unload of a not-loaded instance → 404', async () => {
      const server = await start({ loadDelayMs: 50 });
      const res = await call(server.url, 'POST', '/api/v1/models/load', { model: 'google/gemma-3-4b', context_length: 8192 });
      expect(res.json).toMatchObject({ type: 'llm', instance_id: 'google/gemma-3-4b', status: 'loaded' });
      expect((res.json as { load_time_seconds: number }).load_time_seconds).toBeGreaterThanOrEqual(0.04);
      expect(server.model('google/gemma-3-4b')).toMatchObject({ loadedBy: 'manual', ttlSec: undefined, loadedContextLength: 8192 });
      expect((await call(server.url, 'POST', '/api/v1/models/unload', { instance_id: 'google/gemma-3-4b' })).status).toBe(200);
      const again = await call(server.url, 'POST', '/api/v1/models/unload', { instance_id: 'google/gemma-3-4b' });
      expect(again.status).toBe(404);
      expect(v1ErrorSchema.parse(again.json).error.type).toBe('model_not_found');
    });

    it('invalid requests → v1 error bodies', async () => {
      const server = await start();
      const missing = await call(server.url, 'POST', '/api/v1/models/load', {});
      expect(missing.status).toBe(400);
      expect(v1ErrorSchema.parse(missing.json).error).toMatchObject({ type: 'invalid_request', code: 'missing_required_parameter', param: 'model' });
      const unknown = await call(server.url, 'POST', '/api/v1/models/load', { model: 'nope' });
      expect(unknown.status).toBe(404);
      expect(v1ErrorSchema.parse(unknown.json).error.type).toBe('model_not_found');
      const job = await call(server.url, 'GET', '/api/v1/models/download/status/job_0000000000');
      expect(job.status).toBe(404);
      expect(v1ErrorSchema.parse(job.json).error.type).toBe('job_not_found');
    });

    it('download progress advances over time, then the model joins the catalogue (not loaded)', async () => {
      const server = await start({ downloadDurationMs: 400, downloadableModels: [{ id: 'qwen/qwen3-4b-2507', type: 'llm', publisher: 'qwen', sizeBytes: 2_279_145_003 }] });
      const first = downloadJobSchema.parse((await call(server.url, 'POST', '/api/v1/models/download', { model: 'qwen/qwen3-4b-2507' })).json);
      expect(first.total_size_bytes).toBe(2_279_145_003);
      const seen: number[] = [first.downloaded_bytes];
      let status = first.status;
      const deadline = Date.now() + 3000;
      while (status !== 'completed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 60));
        const job = downloadJobSchema.parse((await call(server.url, 'GET', `/api/v1/models/download/status/${first.job_id}`)).json);
        seen.push(job.downloaded_bytes);
        status = job.status;
      }
      expect(status).toBe('completed');
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.every((value, i) => i === 0 || value >= (seen[i - 1] ?? 0))).toBe(true);
      expect(new Set(seen).size).toBeGreaterThan(2);
      expect(server.model('qwen/qwen3-4b-2507')).toMatchObject({ state: 'not-loaded', publisher: 'qwen' });
      expect(((await call(server.url, 'GET', '/v1/models')).json as { data: { id: string }[] }).data.map((m) => m.id)).toContain('qwen/qwen3-4b-2507');
    });

    it('a failing download ends in status failed', async () => {
      const server = await start({ downloadDurationMs: 100, failingDownloads: ['broken/model'] });
      const job = downloadJobSchema.parse((await call(server.url, 'POST', '/api/v1/models/download', { model: 'broken/model' })).json);
      let status = job.status;
      const deadline = Date.now() + 3000;
      while (status === 'downloading' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = downloadJobSchema.parse((await call(server.url, 'GET', `/api/v1/models/download/status/${job.job_id}`)).json).status;
      }
      expect(status).toBe('failed');
      expect(server.model('broken/model')).toBeUndefined();
    });
  });

  describe('API-token mode', () => {
    const token = 'sk-lm-test1234:secretsecret';
    it('missing or wrong token → 401 invalid_api_key on every endpoint (unknown paths too); the token is never echoed', async () => {
      const server = await start({ apiToken: token });
      for (const path of ['/v1/models', '/api/v0/models', '/api/v1/models', '/health']) {
        const res = await call(server.url, 'GET', path);
        expect(res.status).toBe(401);
        authErrorSchema.parse(res.json);
      }
      const wrong = await call(server.url, 'POST', '/v1/chat/completions', ask('qwen2.5-7b-instruct'), { Authorization: 'Bearer sk-lm-wrong:nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).not.toContain('sk-lm-wrong');
      expect(wrong.text).not.toContain(token);
    });

    it('the right Bearer token is accepted; /lmstudio-greeting stays open ([inferred])', async () => {
      const server = await start({ apiToken: token });
      const ok = await call(server.url, 'POST', '/v1/chat/completions', ask('qwen2.5-7b-instruct'), { Authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect((await call(server.url, 'GET', '/lmstudio-greeting')).json).toEqual({ lmstudio: true });
      expect(server.requests.at(-2)?.headers.authorization).toBe(`Bearer ${token}`);
    });
  });

  describe('handle', () => {
    it('setJit, loadModel/unloadModel, setModels, requests', async () => {
      const server = await start();
      server.setJit(false);
      expect((await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'))).status).toBe(400);
      server.loadModel('google/gemma-3-4b', { jit: true, ttlSec: 10 });
      await waitFor(() => server.model('google/gemma-3-4b')?.state === 'loaded');
      expect(server.model('google/gemma-3-4b')).toMatchObject({ loadedBy: 'jit', ttlSec: 10 });
      expect((await call(server.url, 'POST', '/v1/chat/completions', ask('google/gemma-3-4b'))).status).toBe(200);
      expect(server.unloadModel('google/gemma-3-4b')).toBe(true);
      expect(server.unloadModel('google/gemma-3-4b')).toBe(false);
      expect(() => server.loadModel('nope')).toThrow(/no model "nope"/);
      server.setModels([{ id: 'only', type: 'llm', loaded: true }]);
      expect(server.models().map((m) => m.id)).toEqual(['only']);
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions', 'POST /v1/chat/completions']);
      expect(server.requests[0]?.body).toMatchObject({ model: 'google/gemma-3-4b' });
      server.clearRequests();
      expect(server.requests).toHaveLength(0);
    });

    it('recordRequests: false keeps nothing', async () => {
      const server = await start({ recordRequests: false });
      await call(server.url, 'GET', '/v1/models');
      expect(server.requests).toHaveLength(0);
    });
  });
});
