import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createKernel, SamusError, type Kernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { startOllama, type StartedOllama } from '@samus/test-ollama';
import { createDiscovery, type Discovery, type DiscoveryEventMap } from '../src/index.js';

const run = promisify(execFile);
const ollama = inject('ollama');
const docker = async (...args: string[]): Promise<string> => (await run('docker', args, { timeout: 60_000 })).stdout.trim();

/**
 * The fleet test of issue 6: two real Ollama containers and two mock LM Studio servers on loopback.
 * One Ollama container is killed during a run of requests and started again.
 */
describe.skipIf(!ollama.available)('discovery across two real Ollama containers and two mock LM Studio servers', () => {
  const chatModel = ollama.available ? ollama.models.chat : '';
  const embeddingModel = ollama.available ? ollama.models.embedding : '';
  let first: StartedOllama;
  let second: StartedOllama;
  let mocks: MockLMStudio[] = [];
  let kernel: Kernel;
  let discovery: Discovery;
  const states: DiscoveryEventMap['server:state'][] = [];

  beforeAll(async () => {
    [first, second] = await Promise.all([startOllama(), startOllama()]);
    mocks = await Promise.all([
      startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }, { id: 'text-embedding-nomic-embed-text-v1.5', type: 'embeddings' }] }),
      startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm' }] }),
    ]);
    kernel = createKernel({ env: {} }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin);
    discovery = createDiscovery({
      kernel,
      env: {},
      hosts: [first.baseUrl, second.baseUrl, ...mocks.map((m) => m.url)],
      ports: [],
      probeTimeoutMs: 2_000,
      health: { intervalMs: 250, checkTimeoutMs: 2_000, backoffMs: 100, maxBackoffMs: 500, breaker: { failureThreshold: 2, cooldownMs: 300, maxCooldownMs: 1_000 } },
    });
    discovery.events.on('server:state', (event) => states.push(event));
  }, 600_000);

  afterAll(async () => {
    discovery?.close();
    await Promise.all([first?.stop(), second?.stop(), ...mocks.map((m) => m.close())]);
  });

  it('finds all four servers with their models', async () => {
    const report = await discovery.refresh();
    const byUrl = new Map(report.servers.map((s) => [s.url, s]));
    expect(byUrl.get(first.baseUrl)).toMatchObject({ kind: 'ollama', version: ollama.available ? ollama.version : '' });
    expect(byUrl.get(second.baseUrl)).toMatchObject({ kind: 'ollama' });
    for (const mock of mocks) expect(byUrl.get(mock.url)).toMatchObject({ kind: 'lm-studio', authRequired: false });
    expect(report.servers).toHaveLength(4);

    const catalogue = discovery.catalogue;
    expect(catalogue.errors()).toEqual([]);
    for (const server of [first, second]) {
      const models = catalogue.modelsOf(server.baseUrl);
      expect(models.find((m) => m.id === chatModel)).toMatchObject({ kind: 'chat', serverKind: 'ollama' });
      expect(models.find((m) => m.id === embeddingModel)).toMatchObject({ kind: 'embedding' });
    }
    expect(catalogue.modelsOf(mocks[0]!.url).map((m) => [m.id, m.kind, m.loaded])).toEqual([
      ['qwen2.5-7b-instruct', 'chat', true],
      ['text-embedding-nomic-embed-text-v1.5', 'embedding', false],
    ]);
    expect(catalogue.find(chatModel).map((m) => m.server).sort()).toEqual([first.baseUrl, second.baseUrl].sort());
    expect(catalogue.find('qwen2.5-7b-instruct')).toHaveLength(2);
  });

  it('fails over before the first token, interrupts a running stream, opens the breaker and lets the server rejoin', async () => {
    discovery.start();
    const served: string[] = [];
    kernel.events.on('request:start', (e) => served.push(e.baseUrl));
    const roundRobin = discovery.createPool({ strategy: 'round-robin', timeouts: { connectMs: 2_000, firstByteMs: 120_000, idleMs: 30_000 } });
    const onFirst = discovery.createPool({ strategy: 'priority', priorities: { [first.baseUrl]: 10 }, timeouts: { connectMs: 2_000, firstByteMs: 120_000, idleMs: 30_000 } });
    const short = { model: chatModel, contents: 'Say hi.', config: { maxOutputTokens: 4, temperature: 0 } };

    // Warm both servers (model load) so the run below is about routing, not cold starts.
    await Promise.all([roundRobin.generateContent(short), roundRobin.generateContent(short)]);

    // A long stream on the first server; it must be mid-answer when the container dies.
    let received = '';
    const long = (async () => {
      for await (const chunk of await onFirst.generateContentStream({
        model: chatModel,
        contents: 'Count from 1 to 500, one number per line.',
        config: { maxOutputTokens: 2_000, temperature: 0 },
      })) {
        received += chunk.text ?? '';
      }
    })();
    const longOutcome = long.then(
      () => undefined,
      (error: unknown) => error,
    );
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0), { timeout: 120_000, interval: 20 });

    // Health checks off for now: the breaker must open from the requests' own failures.
    discovery.stop();
    const firstId = first.containerId;
    await docker('kill', firstId);

    // A run of requests while the first server is gone: none may fail.
    served.length = 0;
    const results: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await roundRobin.generateContent(short);
      results.push(response.text ?? '');
    }
    expect(results).toHaveLength(8);
    // Some of them were sent to the dead server first and failed over unseen.
    expect(served.filter((url) => url === first.baseUrl).length).toBeGreaterThanOrEqual(1);
    expect(served.filter((url) => url === second.baseUrl)).toHaveLength(8);

    const interrupted = await longOutcome;
    expect(SamusError.is(interrupted, 'SAMUS_ERR_STREAM_INTERRUPTED')).toBe(true);
    const details = (interrupted as SamusError).details;
    expect(details.server).toBe(first.baseUrl);
    expect(details.partialText).toBe(received);
    expect(received.length).toBeGreaterThan(0);

    // Open, or already half-open if the cooldown passed during the run (no probe runs while checks are off).
    expect(['unhealthy', 'recovering']).toContain(discovery.health.state(first.baseUrl));
    expect(discovery.health.isAvailable(first.baseUrl)).toBe(false);
    expect(discovery.health.state(second.baseUrl)).toBe('healthy');
    expect(states.some((s) => s.url === first.baseUrl && s.to === 'unhealthy')).toBe(true);

    // Start it again (host networking keeps the port); the breaker's half-open probe lets it rejoin.
    discovery.start();
    await docker('start', firstId);
    await vi.waitFor(() => expect(discovery.health.state(first.baseUrl)).toBe('healthy'), { timeout: 120_000, interval: 100 });
    expect(states.filter((s) => s.url === first.baseUrl).map((s) => s.to).slice(-1)).toEqual(['healthy']);
    served.length = 0;
    const back = await onFirst.generateContent(short);
    expect(back.candidates?.length).toBe(1);
    expect(served).toEqual([first.baseUrl]);
  }, 480_000);
});
