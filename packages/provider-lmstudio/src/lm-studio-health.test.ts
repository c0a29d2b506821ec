import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { providerHealthSchema } from '@samus/kernel/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLMStudioHealth } from './lm-studio-health.js';
import { LMStudioRestClient } from './lm-studio-rest-client.js';
import { closedPortUrl, startScriptedServer, type ScriptedServer } from './testing/scripted-server.js';

let mock: MockLMStudio | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await mock?.close();
  await scripted?.close();
  mock = undefined;
  scripted = undefined;
});

describe('checkLMStudioHealth', () => {
  it('should report ok, the inferred version, no auth and the loaded models for a 0.4 server', async () => {
    mock = await startMockLMStudio();
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(providerHealthSchema.parse(health).ok).toBe(true);
    expect(health).toMatchObject({
      kind: 'lm-studio',
      version: '>=0.4.0',
      versionInferred: true,
      authRequired: false,
      apis: { greeting: true, v1: true },
      loadedModels: ['qwen2.5-7b-instruct'],
    });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('should fall back to /api/v0 on a 0.3 server (where /api/v1 answers 200 with an error body)', async () => {
    mock = await startMockLMStudio({ version: '0.3.20' });
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(health).toMatchObject({ ok: true, version: '>=0.3.6', apis: { greeting: true, v0: true, v1: false }, authRequired: false });
  });

  it('should report authRequired and SAMUS_ERR_UNAUTHORIZED without a token when auth is on', async () => {
    mock = await startMockLMStudio({ apiToken: 'sk-lm-health:token' });
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(providerHealthSchema.parse(health).ok).toBe(false);
    expect(health.authRequired).toBe(true);
    expect(health.error?.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(health.error?.hint).toContain('LM_API_TOKEN');
  });

  it('should be ok with the right token, and say the token was rejected with a wrong one', async () => {
    const token = 'sk-lm-Hea1thOk:abcdefghij0123456789';
    mock = await startMockLMStudio({ apiToken: token });
    const good = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url, apiKey: token }));
    expect(good).toMatchObject({ ok: true, authRequired: true });
    const wrong = 'sk-lm-Hea1thNo:abcdefghij0123456789';
    const bad = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url, apiKey: wrong }));
    expect(bad.error?.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(bad.error?.message).toMatch(/rejected/);
    expect(JSON.stringify(bad)).not.toContain(wrong);
  });

  it('should tell a malformed token (0.4.x "Malformed LM Studio API token") from a rejected and a missing one', async () => {
    mock = await startMockLMStudio({ apiToken: 'sk-lm-Hea1thOk:abcdefghij0123456789' });
    const malformed = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url, apiKey: 'lm-studio' }));
    expect(malformed.error?.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(malformed.error?.message).toMatch(/malformed/);
    expect(malformed.error?.hint).toContain('sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX');
    const missing = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: mock.url }));
    expect(missing.error?.message).toMatch(/requires an API token/);
    expect(missing.error?.message).not.toBe(malformed.error?.message);
  });

  it('should never trust a 200 status alone: a server answering 200 with error bodies everywhere is not healthy', async () => {
    scripted = await startScriptedServer((request) => ({ body: { error: `Unexpected endpoint or method. (${request.method} ${request.path})` } }));
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: scripted.url }));
    expect(health.ok).toBe(false);
    expect(health.error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it('should report SAMUS_ERR_WRONG_BASE_URL for another kind of server (Ollama answers 404 text)', async () => {
    scripted = await startScriptedServer((request) => (request.path === '/' ? { body: 'Ollama is running' } : { status: 404, body: '404 page not found' }));
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: scripted.url }));
    expect(health.error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it('should report SAMUS_ERR_SERVER_NOT_RUNNING with the lms server start hint, without throwing', async () => {
    const url = await closedPortUrl();
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: url }));
    expect(providerHealthSchema.parse(health).ok).toBe(false);
    expect(health.error).toMatchObject({ code: 'SAMUS_ERR_SERVER_NOT_RUNNING' });
    expect(health.error?.hint).toContain('lms server start');
  });

  it('should accept an old LM Studio with only /v1/models, with a warning', async () => {
    scripted = await startScriptedServer((request) =>
      request.path === '/v1/models'
        ? { body: { data: [{ id: 'm', object: 'model', owned_by: 'organization_owner' }], object: 'list' } }
        : { body: { error: `Unexpected endpoint or method. (${request.method} ${request.path})` } },
    );
    const health = await checkLMStudioHealth(new LMStudioRestClient({ baseUrl: scripted.url }));
    expect(health.ok).toBe(true);
    expect(health.version).toBeUndefined();
    expect(health.warnings[0]).toMatch(/older than 0\.3\.6/);
  });
});
