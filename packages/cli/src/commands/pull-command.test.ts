import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { runCli } from '../run-cli.js';
import { PULL_LINES, startFakeOllamaPull, type FakeOllamaPull } from '../testing-ollama-pull.js';
import { memoryIo } from '../testing-io.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
// Any control character but the newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let ollama: FakeOllamaPull;
let lmStudio: MockLMStudio;
let down: string;
beforeAll(async () => {
  ollama = await startFakeOllamaPull();
  lmStudio = await startMockLMStudio({
    models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }],
    downloadDurationMs: 1_200,
    failingDownloads: ['broken/model-gguf'],
  });
  down = `http://127.0.0.1:${await closedPort()}`;
});
afterAll(async () => {
  await ollama.close();
  await lmStudio.close();
});

describe('samus pull (Ollama)', () => {
  it('prints plain progress lines on a pipe (no control characters) and the result on stdout', async () => {
    const io = memoryIo();
    expect(await runCli(['pull', '--base-url', ollama.url, 'gemma3:270m'], io)).toBe(0);
    expect(ollama.requests.at(-1)).toEqual({ model: 'gemma3:270m', insecure: false, stream: true });
    const err = io.err();
    expect(err).not.toMatch(CONTROL);
    expect(err.split('\n')).toEqual(
      expect.arrayContaining([
        `pulling gemma3:270m into Ollama at ${ollama.url}`,
        'manifest pulling manifest',
        'downloading  0.0%  0 B / 500 MB',
        'verifying  100.0%  501 MB / 501 MB',
        'writing  100.0%  501 MB / 501 MB',
        'success  100.0%  501 MB / 501 MB',
      ]),
    );
    expect(io.out()).toMatch(new RegExp(`^pulled gemma3:270m \\(501 MB\\) in \\d+:\\d\\d · ${ollama.url}\\n$`));
  });

  it('draws a bar redrawn with \\r on a terminal, coloured unless NO_COLOR, sized to the terminal width', async () => {
    const io = memoryIo({}, true);
    (io.stderr as { columns?: number }).columns = 60;
    expect(await runCli(['pull', '--base-url', ollama.url, 'gemma3:270m'], io)).toBe(0);
    const err = io.err();
    expect(err).toContain('\r');
    expect(err).toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    const frames = err.split('\n')[1]!.split('\r').slice(1).map((frame) => frame.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(frames.length).toBeGreaterThanOrEqual(5);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(59);
    expect(frames.at(-1)).toMatch(/^success {5}█+ {2}100\.0% {2}501 MB \/ 501 MB *$/);
    const noColor = memoryIo({ NO_COLOR: '1' }, true);
    expect(await runCli(['pull', '--base-url', ollama.url, 'gemma3:270m'], noColor)).toBe(0);
    expect(noColor.err()).toContain('\r');
    expect(noColor.err() + noColor.out()).not.toMatch(ANSI);
  });

  it('--json writes one NDJSON progress event per server line, then {"ok":true,…}; nothing on stderr', async () => {
    const io = memoryIo({ OLLAMA_HOST: ollama.url });
    expect(await runCli(['pull', '--json', 'gemma3:270m'], io)).toBe(0);
    expect(io.err()).toBe('');
    const lines = jsonLines(io.out());
    const events = lines.slice(0, -1);
    expect(events).toHaveLength(PULL_LINES.length);
    expect(events.every((e) => e.event === 'progress')).toBe(true);
    expect(events.map((e) => e.phase)).toEqual(['manifest', 'downloading', 'downloading', 'downloading', 'downloading', 'downloading', 'downloading', 'verifying', 'writing', 'success']);
    expect(events[3]).toEqual({ event: 'progress', phase: 'downloading', status: 'pulling a1a1a1a1a1a1', completedBytes: 125_000_000, totalBytes: 501_000_000, percent: 25 });
    expect(lines.at(-1)).toMatchObject({ ok: true, auth: 'ollama', model: 'gemma3:270m', server: ollama.url, status: 'success', totalBytes: 501_000_000 });
  });

  it('a model the registry does not have is SAMUS_ERR_MODEL_NOT_FOUND with a hint, after the progress so far', async () => {
    const io = memoryIo();
    expect(await runCli(['pull', '--base-url', ollama.url, 'missing-model:7b'], io)).toBe(1);
    expect(io.err()).toContain('manifest pulling manifest\n');
    expect(io.err()).toContain('[SAMUS_ERR_MODEL_NOT_FOUND] Ollama\'s registry has no model "missing-model:7b"');
    expect(io.err()).toContain('hint: Check the name and tag');
    expect(io.out()).toBe('');
    const json = memoryIo();
    expect(await runCli(['pull', '--json', '--base-url', ollama.url, 'missing-model:7b'], json)).toBe(1);
    const lines = jsonLines(json.out());
    expect(lines[0]).toMatchObject({ event: 'progress', phase: 'manifest' });
    expect(jsonLines(json.err())).toHaveLength(1);
    expect(jsonLines(json.err())[0]).toMatchObject({
      ok: false,
      error: { code: 'SAMUS_ERR_MODEL_NOT_FOUND', hint: expect.stringContaining('Check the name'), details: { model: 'missing-model:7b', baseUrl: ollama.url, serverMessage: 'pull model manifest: file does not exist' } },
    });
  });

  it('an invalid name, Ollama offline from its registry, and no Ollama at all are coded errors with hints', async () => {
    const bad = memoryIo();
    expect(await runCli(['pull', '--base-url', ollama.url, 'Bad Name'], bad)).toBe(1);
    expect(bad.err()).toContain('[SAMUS_ERR_INVALID_REQUEST] "Bad Name" is not a valid Ollama model name');
    expect(bad.err()).toContain('hint: Use name[:tag]');
    const offline = memoryIo();
    expect(await runCli(['pull', '--base-url', ollama.url, 'offline:1b'], offline)).toBe(1);
    expect(offline.err()).toContain('[SAMUS_ERR_OPERATION_FAILED]');
    expect(offline.err()).toContain('could not reach its model registry');
    expect(offline.err()).toContain('hint: Check the internet connection');
    const nothing = memoryIo();
    expect(await runCli(['pull', '--base-url', down, 'gemma3:270m'], nothing)).toBe(1);
    expect(nothing.err()).toContain('[SAMUS_ERR_SERVER_NOT_RUNNING]');
    expect(nothing.err()).toContain('ollama serve');
  });

  it('Ctrl-C aborts the download through the provider: the connection closes and the exit code is 130', async () => {
    const controller = new AbortController();
    const io = { ...memoryIo(), signal: controller.signal };
    const running = runCli(['pull', '--json', '--base-url', ollama.url, 'hang:1b'], io);
    await ollama.hanging;
    controller.abort();
    expect(await running).toBe(130);
    await ollama.clientClosed;
    expect(jsonLines(io.err())).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'SAMUS_ERR_ABORTED' }) })]);
  });

  it('usage errors: no model, two models, an unknown --auth, an option pull does not take', async () => {
    const none = memoryIo();
    expect(await runCli(['pull'], none)).toBe(2);
    expect(none.err()).toContain('samus pull needs a model name');
    const two = memoryIo();
    expect(await runCli(['pull', 'a', 'b'], two)).toBe(2);
    expect(two.err()).toContain('takes one MODEL, got 2: a b');
    const auth = memoryIo();
    expect(await runCli(['pull', '--auth', 'openai', 'a'], auth)).toBe(2);
    expect(auth.err()).toContain('--auth must be one of ollama, lm-studio');
    const option = memoryIo();
    expect(await runCli(['pull', '--model', 'a', 'b'], option)).toBe(2);
    expect(option.err()).toContain('[SAMUS_ERR_USAGE] samus pull does not take --model (a flag of samus chat)');
  });
});

describe('samus pull --auth lm-studio', () => {
  it('--json polls the download job: progress events in the common shape, then {"ok":true,"status":"completed"}', async () => {
    const io = memoryIo();
    expect(await runCli(['pull', '--auth', 'lm-studio', '--base-url', lmStudio.url, '--json', 'qwen/qwen3-4b'], io)).toBe(0);
    const lines = jsonLines(io.out());
    const events = lines.slice(0, -1);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toMatchObject({ event: 'progress', phase: 'downloading', status: 'downloading' });
    expect(events.at(-1)).toMatchObject({ event: 'progress', phase: 'success', status: 'completed', percent: 100 });
    const total = events.at(-1)!.totalBytes as number;
    expect(total).toBeGreaterThan(0);
    expect(events.every((e) => (e.completedBytes as number) <= total)).toBe(true);
    expect(events.every((e) => Math.abs((e.percent as number) * 10 - Math.round((e.percent as number) * 10)) < 1e-9)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ ok: true, auth: 'lm-studio', model: 'qwen/qwen3-4b', server: lmStudio.url, status: 'completed', totalBytes: total });
    // The downloaded model is now on the server.
    const models = memoryIo();
    expect(await runCli(['models', '--json', '--host', lmStudio.url, '--ports', 'none'], models)).toBe(0);
    expect((JSON.parse(models.out()) as { models: { id: string }[] }).models.map((m) => m.id)).toContain('qwen/qwen3-4b');
  });

  it('a model already on the server is reported as already downloaded', async () => {
    const io = memoryIo({ LM_STUDIO_BASE_URL: lmStudio.url });
    expect(await runCli(['pull', '--auth', 'lm-studio', 'qwen2.5-7b-instruct'], io)).toBe(0);
    expect(io.out()).toMatch(/^already downloaded qwen2\.5-7b-instruct/);
    expect(io.err()).toContain('success');
  });

  it('a failed job, and no LM Studio running, are coded errors with hints', async () => {
    const failed = memoryIo();
    expect(await runCli(['pull', '--auth', 'lm-studio', '--base-url', lmStudio.url, 'broken/model-gguf'], failed)).toBe(1);
    expect(failed.err()).toContain('[SAMUS_ERR_OPERATION_FAILED] LM Studio failed to download broken/model-gguf');
    expect(failed.err()).toContain("hint: Check the model id");
    const nothing = memoryIo();
    expect(await runCli(['pull', '--auth', 'lm-studio', '--base-url', down, '--json', 'qwen/qwen3-4b'], nothing)).toBe(1);
    expect(nothing.out()).toBe('');
    expect(jsonLines(nothing.err())).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'SAMUS_ERR_SERVER_NOT_RUNNING' }) })]);
  });

  it('Ctrl-C stops waiting with exit code 130 and says that LM Studio keeps downloading', async () => {
    const controller = new AbortController();
    const io = { ...memoryIo(), signal: controller.signal };
    const running = runCli(['pull', '--auth', 'lm-studio', '--base-url', lmStudio.url, 'qwen/qwen3-8b'], io);
    for (let i = 0; i < 500 && !io.err().includes('downloading'); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(io.err()).toContain('downloading');
    controller.abort();
    expect(await running).toBe(130);
    expect(io.err()).toContain('[SAMUS_ERR_ABORTED] Stopped waiting for the download of qwen/qwen3-8b (LM Studio keeps downloading)');
    expect(io.err()).toContain('hint: LM Studio has no call to cancel a download');
  });
});
