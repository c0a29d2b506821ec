import { failure } from '@samus/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { LMStudioRestClient } from './lm-studio-rest-client.js';
import { closedPortUrl, startScriptedServer, type ScriptedServer } from './testing/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('LMStudioRestClient', () => {
  it('should send the token as a bearer header and extra headers, and parse JSON', async () => {
    server = await startScriptedServer(() => ({ body: { data: [] } }));
    const client = new LMStudioRestClient({ baseUrl: `${server.url}/v1`, apiKey: 'sk-lm-test:abc', headers: { 'x-extra': '1' } });
    await expect(client.request('GET', '/api/v0/models')).resolves.toEqual({ data: [] });
    expect(server.requests[0]).toMatchObject({ path: '/api/v0/models', headers: { authorization: 'Bearer sk-lm-test:abc', 'x-extra': '1' } });
  });

  it('should leave the token out when auth is false', async () => {
    server = await startScriptedServer(() => ({ body: { data: [] } }));
    const client = new LMStudioRestClient({ baseUrl: server.url, apiKey: 'sk-lm-test:abc' });
    await client.request('GET', '/api/v0/models', { auth: false });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('should treat a 200 answer with an error body as an error (unknown endpoint → SAMUS_ERR_WRONG_BASE_URL)', async () => {
    server = await startScriptedServer((request) => ({ body: { error: `Unexpected endpoint or method. (${request.method} ${request.path})` } }));
    const error = await failure(() => new LMStudioRestClient({ baseUrl: server!.url }).request('GET', '/api/v1/models'));
    expect(error.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(error.details).toMatchObject({ status: 200, endpoint: 'GET /api/v1/models' });
    expect(error.status).toBeUndefined();
  });

  it('should reject a 2xx body that is not JSON with SAMUS_ERR_INVALID_RESPONSE', async () => {
    server = await startScriptedServer(() => ({ body: 'hello' }));
    expect((await failure(() => new LMStudioRestClient({ baseUrl: server!.url }).request('GET', '/x'))).code).toBe('SAMUS_ERR_INVALID_RESPONSE');
  });

  it('should never echo the token, even when the server does', async () => {
    const token = 'sk-lm-echo:supersecretvalue';
    server = await startScriptedServer((request) => ({ status: 401, body: { error: { code: 'invalid_api_key', message: `bad ${request.headers.authorization}` } } }));
    const error = await failure(() => new LMStudioRestClient({ baseUrl: server!.url, apiKey: token }).request('GET', '/api/v1/models'));
    expect(error.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(`${error.message} ${error.hint} ${JSON.stringify(error.details)}`).not.toContain('supersecretvalue');
  });

  it('should map connection refused to SAMUS_ERR_SERVER_NOT_RUNNING with the lms server start hint', async () => {
    const url = await closedPortUrl();
    const error = await failure(() => new LMStudioRestClient({ baseUrl: url }).request('GET', '/api/v0/models'));
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error.message).toContain(new URL(url).port);
    expect(error.hint).toContain('lms server start');
    expect(error.retryable).toBe(true);
  });

  it('should time out with SAMUS_ERR_TIMEOUT when the server never answers', async () => {
    server = await startScriptedServer(() => undefined);
    const error = await failure(() => new LMStudioRestClient({ baseUrl: server!.url, timeoutMs: 100 }).request('GET', '/api/v0/models'));
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(error.details).toMatchObject({ timeoutMs: 100 });
  });

  it('should map a caller abort to SAMUS_ERR_ABORTED, also before sending', async () => {
    server = await startScriptedServer(() => undefined);
    const client = new LMStudioRestClient({ baseUrl: server.url });
    const controller = new AbortController();
    const pending = failure(() => client.request('GET', '/api/v0/models', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect((await pending).code).toBe('SAMUS_ERR_ABORTED');
    expect((await failure(() => client.request('GET', '/x', { signal: AbortSignal.abort() }))).code).toBe('SAMUS_ERR_ABORTED');
  });
});
