import { afterEach, describe, expect, it } from 'vitest';
import { createKernel, type Kernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';
import { fingerprintServer as fingerprintWith, type FingerprintOptions } from './fingerprint-server.js';
import type { ProbeTarget } from './probe-targets.js';
import { closedPort, lmStudioLikeHandler, ollamaLikeHandler, openAILikeHandler, startTestServer, type TestServer } from './testing/http-test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

// The plugins a host ships: discovery itself knows no server kind, each plugin's fingerprint recognises its own.
const kernel: Kernel = createKernel({ env: {} }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin);
const fingerprintServer = (target: ProbeTarget, options: Partial<FingerprintOptions> = {}) => fingerprintWith(target, { kernel, ...options });

describe('fingerprintServer', () => {
  it('recognises Ollama by its root text and reads the version', async () => {
    const server = await start(ollamaLikeHandler('0.11.4'));
    const outcome = await fingerprintServer({ url: server.url, source: 'option' });
    expect(outcome.found).toBe(true);
    if (!outcome.found) return;
    expect(outcome.server).toMatchObject({ kind: 'ollama', url: server.url, version: '0.11.4', authRequired: false, source: 'option' });
    expect(outcome.server.apis).toEqual(['native', 'openai']);
    expect(outcome.server.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('recognises LM Studio by its greeting even though unknown paths answer 200', async () => {
    const server = await start(lmStudioLikeHandler());
    const outcome = await fingerprintServer({ url: server.url, source: 'default' });
    expect(outcome.found && outcome.server.kind).toBe('lm-studio');
    if (!outcome.found) return;
    expect(outcome.server.version).toBeUndefined();
    expect(outcome.server.authRequired).toBe(false);
    expect(outcome.server.apis).toContain('api/v0');
    expect(outcome.server.apis).not.toContain('api/v1');
  });

  it('reports that an LM Studio with authentication on needs a token', async () => {
    const server = await start(lmStudioLikeHandler({ requireAuth: true }));
    const outcome = await fingerprintServer({ url: server.url, source: 'default' });
    expect(outcome.found && outcome.server).toMatchObject({ kind: 'lm-studio', authRequired: true });
  });

  it('recognises a generic OpenAI-compatible server, with and without auth', async () => {
    const open = await start(openAILikeHandler());
    const locked = await start(openAILikeHandler({ requireAuth: true }));
    const [a, b] = await Promise.all([
      fingerprintServer({ url: open.url, source: 'option' }),
      fingerprintServer({ url: locked.url, source: 'option' }),
    ]);
    expect(a.found && a.server).toMatchObject({ kind: 'openai', authRequired: false });
    expect(b.found && b.server).toMatchObject({ kind: 'openai', authRequired: true });
  });

  it('says "refused" when nothing listens', async () => {
    const port = await closedPort();
    const outcome = await fingerprintServer({ url: `http://127.0.0.1:${port}`, source: 'default' });
    expect(outcome).toMatchObject({ found: false, reason: 'refused' });
  });

  it('gives up on a black-holed address after its timeout', async () => {
    // Accepts connections and never answers.
    const server = await start(() => undefined);
    const outcome = await fingerprintServer({ url: server.url, source: 'option' }, { timeoutMs: 100 });
    expect(outcome).toMatchObject({ found: false, reason: 'timeout' });
  });

  it('calls an HTTP server no registered plugin recognises "unrecognized"', async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    const outcome = await fingerprintServer({ url: server.url, source: 'option' });
    expect(outcome.found).toBe(false);
    if (outcome.found) return;
    expect(outcome.reason).toBe('unrecognized');
    expect(outcome.message).toContain('no registered plugin recognises it (tried ollama, lm-studio, openai)');
  });

  it('stops when the caller aborts', async () => {
    const server = await start(() => undefined);
    const controller = new AbortController();
    const pending = fingerprintServer({ url: server.url, source: 'option' }, { timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ found: false, reason: 'aborted' });
  });
});

describe('fingerprintServer with the plugins of the kernel', () => {
  it('recognises nothing without plugins, and a server only once its plugin is registered', async () => {
    const server = await start(lmStudioLikeHandler());
    const empty = await fingerprintWith({ url: server.url, source: 'option' }, { kernel: createKernel({ env: {} }) });
    expect(empty).toMatchObject({ found: false, reason: 'unrecognized' });
    const onlyOpenAI = await fingerprintWith({ url: server.url, source: 'option' }, { kernel: createKernel({ env: {} }).register(openaiPlugin) });
    expect(onlyOpenAI.found && onlyOpenAI.server.kind).toBe('openai');
    const both = await fingerprintWith({ url: server.url, source: 'option' }, { kernel: createKernel({ env: {} }).register(openaiPlugin).register(lmStudioPlugin) });
    // A specific match beats the generic OpenAI-compatible one, whatever the registration order.
    expect(both.found && both.server.kind).toBe('lm-studio');
  });
});
