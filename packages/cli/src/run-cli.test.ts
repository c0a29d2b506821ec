import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { runCli } from './run-cli.js';
import { memoryIo } from './testing-io.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let mock: MockLMStudio;
let none: string;
beforeAll(async () => {
  mock = await startMockLMStudio({
    models: [
      { id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true },
      { id: 'text-embedding-nomic-embed-text-v1.5', type: 'embeddings' },
    ],
    replies: () => ({ content: 'Blue light scatters more.' }),
  });
  none = String(await closedPort());
});
afterAll(() => mock.close());

describe('samus (in-process)', () => {
  it('prints help and the version; bare samus prints the help on stdout with exit 0, as ollama does', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^samus — /);
    for (const command of ['discover', 'models', 'ps', 'show', 'chat', 'pull', 'rm', 'load', 'unload', 'completion']) expect(io.out()).toMatch(new RegExp(`^  ${command}\\s+\\S`, 'm'));
    expect(io.out()).toContain('SAMUS_MODEL');
    const bare = memoryIo();
    expect(await runCli([], bare)).toBe(0);
    expect(bare.out()).toBe(io.out());
    expect(bare.err()).toBe('');
    const version = memoryIo();
    expect(await runCli(['--version'], version)).toBe(0);
    expect(version.out()).toMatch(/^samus \d+\.\d+\.\d+\n$/);
    const jsonVersion = memoryIo();
    expect(await runCli(['-v', '--json'], jsonVersion)).toBe(0);
    expect(JSON.parse(jsonVersion.out())).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('rejects an unknown command or option with SAMUS_ERR_USAGE, a did-you-mean and exit code 2', async () => {
    const io = memoryIo();
    expect(await runCli(['dicsover'], io)).toBe(2);
    expect(io.err()).toContain('[SAMUS_ERR_USAGE] Unknown command "dicsover" — did you mean "samus discover"?');
    expect(io.err()).toContain('hint: The commands are discover, models, ps, show, chat');
    const option = memoryIo();
    expect(await runCli(['discover', '--auth', 'ollama'], option)).toBe(2);
    expect(option.err()).toContain('samus discover does not take --auth');
    const typo = memoryIo();
    expect(await runCli(['chat', '--modle', 'x', 'hi'], typo)).toBe(2);
    expect(typo.err()).toContain('Unknown flag --modle for samus chat — did you mean --model?');
    const json = memoryIo();
    expect(await runCli(['models', '--bogus', '--json'], json)).toBe(2);
    expect(json.out()).toBe('');
    expect(json.err().split('\n')).toHaveLength(2);
    expect(JSON.parse(json.err())).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_USAGE', details: { flag: 'bogus' } } });
  });

  it('discover --json lists the server with its kind, health and models with their loaded state', async () => {
    const io = memoryIo();
    expect(await runCli(['discover', '--json', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], io)).toBe(0);
    const result = JSON.parse(io.out()) as { ok: boolean; servers: { url: string; kind: string; health: string; models: { id: string; loaded: boolean; kind: string }[] }[] };
    expect(result.ok).toBe(true);
    expect(result.servers).toHaveLength(1);
    expect(result.servers[0]).toMatchObject({ url: mock.url, kind: 'lm-studio', health: 'healthy' });
    expect(result.servers[0]!.models.map((m) => [m.id, m.kind, m.loaded])).toEqual([
      ['qwen2.5-7b-instruct', 'chat', true],
      ['text-embedding-nomic-embed-text-v1.5', 'embedding', false],
    ]);
  });

  it('discover prints a table, coloured only on a terminal without NO_COLOR', async () => {
    const plain = memoryIo();
    expect(await runCli(['discover', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], plain)).toBe(0);
    expect(plain.out()).toMatch(/^SERVER\s+KIND\s+VERSION\s+HEALTH\s+MODELS\n/);
    expect(plain.out()).toContain('qwen2.5-7b-instruct (loaded), text-embedding-nomic-embed-text-v1.5');
    expect(plain.out()).not.toMatch(ANSI);
    const tty = memoryIo({}, true);
    await runCli(['discover', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], tty);
    expect(tty.out()).toMatch(ANSI);
    const noColor = memoryIo({ NO_COLOR: '1' }, true);
    await runCli(['discover', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], noColor);
    expect(noColor.out()).not.toMatch(ANSI);
  });

  it('discover with nothing listening fails with SAMUS_ERR_SERVER_NOT_RUNNING and how to start a server', async () => {
    const io = memoryIo();
    expect(await runCli(['discover', '--ports', none], io)).toBe(1);
    expect(io.err()).toContain('[SAMUS_ERR_SERVER_NOT_RUNNING] No local LLM server found');
    expect(io.err()).toContain('ollama serve');
    const json = memoryIo();
    expect(await runCli(['discover', '--ports', none, '--json'], json)).toBe(1);
    expect(json.out()).toBe('');
    const body = JSON.parse(json.err()) as { error: { code: string; details: { probed: { reason: string }[] } } };
    expect(body.error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(body.error.details.probed.map((p) => p.reason)).toContain('refused');
  });

  it('models --json lists every model; a bad --ports is a usage error', async () => {
    const io = memoryIo();
    expect(await runCli(['models', '--json', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], io)).toBe(0);
    const result = JSON.parse(io.out()) as { models: { id: string; server: string }[] };
    expect(result.models.map((m) => m.id)).toEqual(['qwen2.5-7b-instruct', 'text-embedding-nomic-embed-text-v1.5']);
    expect(result.models.every((m) => m.server === mock.url)).toBe(true);
    const bad = memoryIo();
    expect(await runCli(['models', '--ports', 'abc'], bad)).toBe(2);
  });

  it('chat --auth lm-studio --json answers with the text, TTFT and tokens/s', async () => {
    const io = memoryIo();
    expect(await runCli(['chat', '--auth', 'lm-studio', '--base-url', mock.url, '--json', 'Why is the sky blue?'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, -1).every((line) => line.event === 'text' && typeof line.text === 'string')).toBe(true);
    expect(lines.slice(0, -1).map((line) => line.text).join('')).toBe('Blue light scatters more.');
    const result = lines.at(-1) as { ok: boolean; text: string; model: string; server: string; ttftMs: number; tokensPerSecond?: number };
    expect(result).toMatchObject({ ok: true, text: 'Blue light scatters more.', model: 'qwen2.5-7b-instruct', server: mock.url });
    expect(result.ttftMs).toBeGreaterThanOrEqual(0);
  });

  it('chat --auth openai talks to any OpenAI-compatible server; without a model it picks one the server lists', async () => {
    const io = memoryIo();
    expect(await runCli(['chat', '--auth', 'openai', '--base-url', `${mock.url}/v1`, '--json', 'hi'], io)).toBe(0);
    expect(JSON.parse(io.out().trimEnd().split('\n').at(-1)!)).toMatchObject({ ok: true, auth: 'openai', text: 'Blue light scatters more.', model: 'qwen2.5-7b-instruct' });
    const missing = memoryIo();
    expect(await runCli(['chat', '--auth', 'openai', 'hi'], missing)).toBe(1);
    expect(missing.err()).toContain('[SAMUS_ERR_INVALID_CONFIG]');
    expect(missing.err()).toContain('OPENAI_BASE_URL');
  });

  it('chat --auth auto streams the answer to stdout and the figures to stderr', async () => {
    const io = memoryIo();
    expect(await runCli(['chat', '--host', mock.url, '--ports', 'none', '--timeout', '5000', 'Why', 'is', 'the', 'sky', 'blue?'], io)).toBe(0);
    expect(io.out()).toBe('Blue light scatters more.\n');
    expect(io.err()).toMatch(/TTFT \d+ ms · .* tokens\/s/);
    expect(io.err()).toContain(`qwen2.5-7b-instruct @ ${mock.url}`);
  });

  it('chat errors are coded: no prompt, bad numbers, server not running', async () => {
    const empty = memoryIo();
    expect(await runCli(['chat', '--auth', 'ollama'], empty)).toBe(2);
    expect(empty.err()).toContain('needs a prompt');
    const temperature = memoryIo();
    expect(await runCli(['chat', '--temperature', 'hot', 'hi'], temperature)).toBe(2);
    const auth = memoryIo();
    expect(await runCli(['chat', '--auth', 'gemini', 'hi'], auth)).toBe(2);
    const down = memoryIo();
    expect(await runCli(['chat', '--auth', 'lm-studio', '--base-url', `http://127.0.0.1:${none}`, '--model', 'x', 'hi'], down)).toBe(1);
    expect(down.err()).toContain('[SAMUS_ERR_SERVER_NOT_RUNNING]');
    expect(down.err()).toContain('hint:');
    const nothing = memoryIo();
    expect(await runCli(['chat', '--ports', none, 'hi'], nothing)).toBe(1);
    expect(nothing.err()).toContain('No local LLM server found');
  });

  it('discover shows a server that needs a token, and uses LM_API_TOKEN from the environment without echoing it', async () => {
    const locked = await startMockLMStudio({ apiToken: 'sk-lm-secret:token', models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }] });
    try {
      const without = memoryIo();
      expect(await runCli(['discover', '--json', '--host', locked.url, '--ports', 'none', '--timeout', '5000'], without)).toBe(0);
      const a = JSON.parse(without.out()) as { servers: { authRequired: boolean; health: string; modelsError?: { code: string } }[] };
      expect(a.servers[0]).toMatchObject({ authRequired: true, health: 'degraded', modelsError: { code: 'SAMUS_ERR_UNAUTHORIZED' } });
      const table = memoryIo();
      await runCli(['discover', '--host', locked.url, '--ports', 'none', '--timeout', '5000'], table);
      expect(table.out()).toContain('degraded (auth)');
      expect(table.err()).toContain('hint:');

      const withToken = memoryIo({ LM_API_TOKEN: 'sk-lm-secret:token' });
      expect(await runCli(['discover', '--json', '--host', locked.url, '--ports', 'none', '--timeout', '5000'], withToken)).toBe(0);
      const b = JSON.parse(withToken.out()) as { servers: { health: string; models: { id: string }[] }[] };
      expect(b.servers[0]).toMatchObject({ health: 'healthy', models: [{ id: 'qwen2.5-7b-instruct' }] });
      expect(withToken.out() + withToken.err() + without.out() + table.out() + table.err()).not.toContain('sk-lm-secret');
    } finally {
      await locked.close();
    }
  });
});
