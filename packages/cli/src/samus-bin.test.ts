import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/samus.mjs', import.meta.url));

/** Runs the real `samus` executable (bin → built dist) as a child process with a clean environment. */
async function samus(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

let mock: MockLMStudio;
beforeAll(async () => {
  // The bin imports the built dist: build the CLI and everything it depends on (tsdown, a few seconds).
  await run('pnpm', ['--filter', '@samus/cli...', 'run', 'build'], { cwd: packageDir, timeout: 240_000 });
  mock = await startMockLMStudio({
    models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }],
    replies: () => ({ content: 'Hello from the mock.' }),
    downloadDurationMs: 1_000,
  });
}, 300_000);
afterAll(() => mock?.close());

describe('samus as a child process', () => {
  it('discover --json', async () => {
    const result = await samus(['discover', '--json', '--ports', 'none'], { LM_STUDIO_BASE_URL: mock.url });
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as { servers: { url: string; kind: string; source: string; models: { id: string; loaded: boolean }[] }[] };
    expect(body.servers.map((s) => [s.url, s.kind, s.source])).toEqual([[mock.url, 'lm-studio', 'env:LM_STUDIO_BASE_URL']]);
    expect(body.servers[0]!.models).toMatchObject([{ id: 'qwen2.5-7b-instruct', loaded: true }]);
  });

  it('models --json', async () => {
    const result = await samus(['models', '--json', '--host', mock.url, '--ports', 'none']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { models: { id: string }[] }).models.map((m) => m.id)).toEqual(['qwen2.5-7b-instruct']);
  });

  it('chat --auth auto --json', async () => {
    const result = await samus(['chat', '--auth', 'auto', '--json', '--host', mock.url, '--ports', 'none', 'Say hello']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, text: 'Hello from the mock.', model: 'qwen2.5-7b-instruct', server: mock.url });
  });

  it('exits non-zero with a coded JSON error when nothing is found', async () => {
    const result = await samus(['discover', '--json', '--ports', 'none']);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_SERVER_NOT_RUNNING' } });
  });

  it('pull --auth lm-studio --json streams NDJSON progress and ends with {"ok":true}', async () => {
    const result = await samus(['pull', '--auth', 'lm-studio', '--json', 'qwen/qwen3-4b'], { LM_STUDIO_BASE_URL: mock.url });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ event: 'progress', phase: 'downloading' });
    expect(lines.at(-1)).toMatchObject({ ok: true, status: 'completed', model: 'qwen/qwen3-4b' });
  });

  it('Ctrl-C (SIGINT) during a pull exits 130 with SAMUS_ERR_ABORTED', async () => {
    const slow = await startMockLMStudio({ downloadDurationMs: 60_000 });
    try {
      const child = spawn(process.execPath, [bin, 'pull', '--auth', 'lm-studio', '--base-url', slow.url, '--json', 'slow/model-gguf'], {
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += String(chunk);
          if (stdout.includes('"event":"progress"')) resolve();
        });
      });
      child.kill('SIGINT');
      const code = await exited;
      clearTimeout(timer);
      expect(code).toBe(130);
      expect(JSON.parse(stdout.trimEnd().split('\n').at(-1)!)).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_ABORTED' } });
    } finally {
      await slow.close();
    }
  }, 30_000);
});
