import { createGenerateContentResponse, SamusError } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity, expectSamusError, functionCalls, responseText } from './contract-helpers.js';
import { closedPortUrl, startForeignServer, startStallingServer } from './loopback-servers.js';

describe('contract helpers', () => {
  it('responseText() joins non-thought text; functionCalls() lists calls', () => {
    const response = createGenerateContentResponse({
      candidates: [{ content: { role: 'model', parts: [{ text: 'hm', thought: true }, { text: 'a' }, { functionCall: { name: 'f', args: {} } }, { text: 'b' }] } }],
    });
    expect(responseText(response)).toBe('ab');
    expect(functionCalls(response).map((call) => call.name)).toEqual(['f']);
  });

  it('expectSamusError() returns the coded error and fails for other outcomes', async () => {
    const error = await expectSamusError(() => Promise.reject(new SamusError('SAMUS_ERR_TIMEOUT', 'slow')), 'SAMUS_ERR_TIMEOUT');
    expect(error.code).toBe('SAMUS_ERR_TIMEOUT');
    await expect(expectSamusError(() => Promise.reject(new Error('plain')), 'SAMUS_ERR_TIMEOUT')).rejects.toThrow(/expected a SamusError/);
    await expect(expectSamusError(() => Promise.resolve(), 'SAMUS_ERR_TIMEOUT')).rejects.toThrow();
    await expect(expectSamusError(() => Promise.reject(new SamusError('SAMUS_ERR_ABORTED', 'x')), 'SAMUS_ERR_TIMEOUT')).rejects.toThrow();
  });

  it('cosineSimilarity() is 1 for parallel and 0 for orthogonal vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBeCloseTo(0);
  });
});

describe('loopback servers', () => {
  it('closedPortUrl() is a loopback address that refuses connections', async () => {
    const url = await closedPortUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('startStallingServer() accepts a request and never answers', async () => {
    const server = await startStallingServer();
    try {
      await expect(fetch(server.url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(200) })).rejects.toThrow();
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('startForeignServer() answers every path with an HTML 404', async () => {
    const server = await startForeignServer();
    try {
      const response = await fetch(`${server.url}/api/chat`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<html>');
    } finally {
      await server.close();
    }
  });
});
