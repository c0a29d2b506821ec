import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SamusError, SamusEvents, type SamusEventMap } from '@samus/kernel';
import { CHAT_MODEL, startOllama, type OllamaProvided, type StartedOllama } from '@samus/test-ollama';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOllama, type CreateOllamaOptions } from '../src/index.js';

const run = promisify(execFile);
const ollama: OllamaProvided = inject('ollama');
const skipReason = ollama.available ? undefined : ollama.reason;

/** `[GIN] … | 200 |  1.234567s | 127.0.0.1 | POST "/api/chat"` lines of the container log, as [status, seconds]. */
async function chatLogLines(containerId: string): Promise<{ status: number; seconds: number }[]> {
  const { stdout, stderr } = await run('docker', ['logs', containerId], { maxBuffer: 16 * 1024 * 1024 });
  const lines: { status: number; seconds: number }[] = [];
  for (const match of `${stdout}\n${stderr}`.matchAll(/\[GIN\][^|]*\|\s*(\d{3})\s*\|\s*([\d.]+)(µs|ms|s|m)\s*\|[^|]*\|\s*POST\s+"\/api\/chat"/g)) {
    const value = Number(match[2]);
    const unit = match[3];
    lines.push({ status: Number(match[1]), seconds: unit === 'µs' ? value / 1e6 : unit === 'ms' ? value / 1e3 : unit === 'm' ? value * 60 : value });
  }
  return lines;
}

describe.skipIf(skipReason !== undefined)(`ollama native features against a real server${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let server: StartedOllama;
  const create = (options: CreateOllamaOptions = {}) => createOllama({ env: {}, baseUrl: server.baseUrl, model: CHAT_MODEL, maxRetries: 0, ...options });

  beforeAll(async () => {
    // One slot: a generation that kept running after an abort would make the next request wait for it.
    server = await startOllama({ env: { OLLAMA_NUM_PARALLEL: '1' } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('aborting a long stream stops the generation on the server (log shows the request ended; the single slot is free)', async () => {
    const generator = create();
    await generator.admin.load!(generator.config.model);
    const before = (await chatLogLines(server.containerId)).length;
    const controller = new AbortController();
    let chunks = 0;
    const started = performance.now();
    const error = await (async () => {
      for await (const chunk of await generator.generateContentStream({
        model: CHAT_MODEL,
        contents: 'Count from one to ten thousand in words, one number per line.',
        config: { temperature: 0, seed: 1, maxOutputTokens: 100_000, abortSignal: controller.signal },
      })) {
        if (chunk.text) chunks += 1;
        if (chunks === 3) controller.abort();
      }
      return undefined;
    })().catch((caught: unknown) => caught);
    const abortedAfter = (performance.now() - started) / 1000;
    expect(SamusError.is(error, 'SAMUS_ERR_ABORTED')).toBe(true);
    // The server logs a request when its handler returns, i.e. when the generation stopped: the aborted
    // request's line appears (the preload's was already there) and its duration ends within seconds of the abort.
    await expect.poll(async () => (await chatLogLines(server.containerId)).length, { timeout: 30_000, interval: 500 }).toBeGreaterThan(before);
    const aborted = (await chatLogLines(server.containerId))[before]!;
    // 100,000 tokens would take tens of minutes on this CPU.
    expect(aborted.seconds).toBeLessThan(abortedAfter + 10);
    const next = await generator.generateContent({ model: CHAT_MODEL, contents: 'Say hi.', config: { temperature: 0, seed: 1, maxOutputTokens: 4 } });
    expect(next.candidates?.[0]?.finishReason).toBeDefined();
  });

  it('a prompt larger than the context window is refused before sending; with the guard off, Ollama truncates silently and the answer is flagged', async () => {
    const long = 'The committee reviewed the proposal and asked for a revised budget before the next meeting. '.repeat(350);
    const guarded = create();
    await expect(guarded.generateContent({ model: CHAT_MODEL, contents: long, config: { maxOutputTokens: 4 } })).rejects.toMatchObject({
      code: 'SAMUS_ERR_CONTEXT_OVERFLOW',
      details: { contextWindow: 4096, source: 'modelfile' },
    });
    // A small window keeps the CPU prompt evaluation short: about 1,300 tokens sent into 512.
    const medium = 'The committee reviewed the proposal and asked for a revised budget before the next meeting. '.repeat(80);
    await expect(create({ providerOptions: { numCtx: 512 } }).generateContent({ model: CHAT_MODEL, contents: medium, config: { maxOutputTokens: 4 } })).rejects.toMatchObject({
      code: 'SAMUS_ERR_CONTEXT_OVERFLOW',
      details: { contextWindow: 512, source: 'numCtx' },
    });
    const unguarded = create({ providerOptions: { numCtx: 512, contextGuard: false } });
    const response = await unguarded.generateContent({ model: CHAT_MODEL, contents: medium, config: { temperature: 0, seed: 1, maxOutputTokens: 4 } });
    expect(response.usageMetadata?.promptTokenCount).toBeLessThanOrEqual(512);
    expect(response.candidates?.[0]?.finishMessage).toMatch(/truncated/);
  });

  it('numCtx and keepAlive reach the server (/api/ps), unload empties it, and server timings come with the finish event', async () => {
    const events = new SamusEvents();
    const finished: SamusEventMap['response:finish'][] = [];
    events.on('response:finish', (event) => finished.push(event));
    const generator = create({ events, providerOptions: { numCtx: 2048, keepAlive: '2h' } });
    await generator.generateContent({ model: CHAT_MODEL, contents: 'Name a colour.', config: { temperature: 0, seed: 1, maxOutputTokens: 8 } });
    const loaded = (await generator.ollama.ps()).find((model) => model.name === CHAT_MODEL);
    expect(loaded?.context_length).toBe(2048);
    const expiresInHours = (Date.parse(loaded!.expires_at!) - Date.now()) / 3_600_000;
    expect(expiresInHours).toBeGreaterThan(1.5);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.server).toMatchObject({ evalMs: expect.any(Number), promptEvalMs: expect.any(Number), loadMs: expect.any(Number), evalTokens: expect.any(Number) });
    expect(finished[0]!.server!.tokensPerSecond).toBeGreaterThan(0);
    expect(finished[0]!.ttftMs).toBeGreaterThan(0);
    await generator.admin.unload!(generator.config.model);
    await expect.poll(async () => (await generator.ollama.ps()).length, { timeout: 20_000 }).toBe(0);
    const models = await generator.admin.listModels();
    expect(models.find((model) => model.id === CHAT_MODEL)?.loaded).toBe(false);
  });

  it('an unknown model names the nearest installed models', async () => {
    const error = (await create()
      .generateContent({ model: 'gemma3:1b', contents: 'Hi' })
      .catch((caught: unknown) => caught)) as SamusError;
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.details.suggestions).toContain(CHAT_MODEL);
    expect(error.hint).toContain('ollama pull gemma3:1b');
  });
});
