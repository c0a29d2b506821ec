// `samus ps`, `show`, `load`, `unload`, `rm` and `models` against the contract project's real Ollama (0.11.4, in a
// container): the CLI goes through the kernel's plugin admin only, so this is the Ollama plugin's admin on the wire.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../src/run-cli.js';
import { memoryIo } from '../src/testing-io.js';

const ollama = inject('ollama');
const skipReason = ollama.available ? undefined : ollama.reason;
/** A copy of the chat model made for this file (Ollama's `/api/copy` shares the blobs), so `rm` removes nothing others use. */
const COPY = 'samus-cli-rm-test:latest';

describe.skipIf(skipReason !== undefined)(`samus model commands against a real Ollama${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const url = ollama.available ? ollama.baseUrl : '';
  const chat = ollama.available ? ollama.models.chat : '';
  const auth = () => ['--auth', 'ollama', '--base-url', url];
  const tags = async () => ((await (await fetch(`${url}/api/tags`)).json()) as { models: { name: string }[] }).models.map((m) => m.name);

  beforeAll(async () => {
    const response = await fetch(`${url}/api/copy`, { method: 'POST', body: JSON.stringify({ source: chat, destination: COPY }) });
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    await fetch(`${url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: COPY }) }).catch(() => undefined);
  });

  it('load → ps shows it with its context → unload → ps no longer does', async () => {
    const load = memoryIo();
    expect(await runCli(['load', ...auth(), '--context-length', '2048', chat], load), load.err()).toBe(0);
    expect(load.out()).toBe(`loaded ${chat} · ${url}\n`);
    const ps = memoryIo();
    expect(await runCli(['ps', ...auth(), '--json'], ps), ps.err()).toBe(0);
    const loaded = (JSON.parse(ps.out()) as { models: { id: string; loadedContextLength?: number; expiresAt?: string }[] }).models;
    expect(loaded.find((m) => m.id === chat)).toMatchObject({ loadedContextLength: 2048, expiresAt: expect.any(String) });
    const unload = memoryIo();
    expect(await runCli(['unload', ...auth(), chat], unload), unload.err()).toBe(0);
    await expect
      .poll(async () => {
        const after = memoryIo();
        await runCli(['ps', ...auth(), '--json'], after);
        return (JSON.parse(after.out()) as { models: { id: string }[] }).models.map((m) => m.id);
      }, { timeout: 20_000, interval: 500 })
      .not.toContain(chat);
  });

  it('show and models report the context window a request will use, and the trained maximum', async () => {
    const show = memoryIo();
    expect(await runCli(['show', ...auth(), '--json', chat], show), show.err()).toBe(0);
    const { model } = JSON.parse(show.out()) as { model: { id: string; kind: string; contextLength: number; contextWindow: { tokens: number; source: string; trained?: number } } };
    expect(model).toMatchObject({ id: chat, kind: 'chat' });
    expect(model.contextWindow.tokens).toBeLessThanOrEqual(model.contextLength);
    expect(model.contextWindow.trained).toBe(model.contextLength);
    const models = memoryIo({ OLLAMA_CONTEXT_LENGTH: '1024' });
    expect(await runCli(['models', '--ports', 'none', '--host', url], models), models.err()).toBe(0);
    expect(models.out().split('\n').find((line) => line.startsWith(`${chat} `))).toContain(` 1024 (max ${model.contextLength}) `);
  });

  it('rm removes a model; a name Ollama does not have is MODEL_NOT_FOUND with the samus pull hint', async () => {
    expect(await tags()).toContain(COPY);
    const rm = memoryIo();
    expect(await runCli(['rm', ...auth(), COPY], rm), rm.err()).toBe(0);
    expect(await tags()).not.toContain(COPY);
    const missing = memoryIo();
    expect(await runCli(['show', ...auth(), 'gemma3'], missing)).toBe(1);
    expect(missing.err()).toContain('[SAMUS_ERR_MODEL_NOT_FOUND] No model "gemma3"');
    expect(missing.err()).toContain(`Did you mean \`${chat}\``);
    expect(missing.err()).toContain('`samus pull gemma3`');
  });
});
