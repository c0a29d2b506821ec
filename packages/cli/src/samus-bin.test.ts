import { spawn } from 'node:child_process';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSamus, samusCommand } from './testing/samus-process.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
const LONG = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ');

let mock: MockLMStudio;
let slow: MockLMStudio;
beforeAll(async () => {
  mock = await startMockLMStudio({
    models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }],
    replies: (context) => ({ content: `Hello from the mock (${context.lastUserText}).` }),
    downloadDurationMs: 1_000,
  });
  slow = await startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }], tokenDelayMs: 50, replies: () => ({ content: LONG }) });
});
afterAll(async () => {
  await mock?.close();
  await slow?.close();
});

/** Marks in the screen text where input was typed. */
const TYPED = '\u00b6';

const lines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Runs `samus` with `args`, sends Ctrl-C (SIGINT) once its stdout shows `marker` (20 s at most, then SIGKILL), and
 * resolves with the exit code and what it printed.
 */
async function interruptWhen(args: string[], marker: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, ...rest] = samusCommand(args);
  const child = spawn(command!, rest, { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      if (stdout.includes(marker)) resolve();
    });
  });
  child.kill('SIGINT');
  const code = await exited;
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A shell word. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `samus` under a pseudo-terminal (util-linux `script`), typing `steps` into it: each step waits until the
 * terminal shows `waitFor`, then types `type`. Resolves with the exit code and everything the terminal showed.
 */
function samusOnTerminal(args: string[], steps: { waitFor: string | RegExp; type: string }[], env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  const child = spawn('script', ['-q', '-e', '-c', samusCommand(args).map(quote).join(' '), '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let step = 0;
  const advance = (): void => {
    while (step < steps.length) {
      const { waitFor, type } = steps[step]!;
      const seen = typeof waitFor === 'string' ? screen.includes(waitFor) : waitFor.test(screen);
      if (!seen) return;
      step += 1;
      screen += TYPED; // marks where the input went, so that the next wait looks at new output only
      child.stdin.write(type);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    screen += String(chunk);
    advance();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('samus as a child process (the real bin, on the sources)', () => {
  it('discover --json, models --json: one JSON line each', async () => {
    const discover = await runSamus(['discover', '--json', '--ports', 'none', '--timeout', '5000'], { env: { LM_STUDIO_BASE_URL: mock.url } });
    expect(discover.code, discover.stderr).toBe(0);
    expect(discover.stdout.trimEnd().split('\n')).toHaveLength(1);
    const body = JSON.parse(discover.stdout) as { servers: { url: string; kind: string; source: string; models: { id: string; loaded: boolean }[] }[] };
    expect(body.servers.map((s) => [s.url, s.kind, s.source])).toEqual([[mock.url, 'lm-studio', 'env:LM_STUDIO_BASE_URL']]);
    const models = await runSamus(['models', '--json', '--host', mock.url, '--ports', 'none', '--timeout', '5000']);
    expect(models.code, models.stderr).toBe(0);
    expect((JSON.parse(models.stdout) as { models: { id: string }[] }).models.map((m) => m.id)).toEqual(['qwen2.5-7b-instruct']);
  });

  it('echo hi | samus chat: the prompt comes from stdin', async () => {
    const result = await runSamus(['chat', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], { input: 'hi there\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Hello from the mock (hi there).\n');
    expect(result.stderr).toMatch(/TTFT \d+ ms/);
    expect(result.stderr).not.toMatch(ANSI);
  });

  it('chat --json is NDJSON: text events, then the result line', async () => {
    const result = await runSamus(['chat', '--auth', 'auto', '--json', '--host', mock.url, '--ports', 'none', '--timeout', '5000', 'Say hello']);
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stdout).at(-1)).toMatchObject({ ok: true, text: 'Hello from the mock (Say hello).', model: 'qwen2.5-7b-instruct', server: mock.url });
  });

  it('exits 1 with one coded JSON error line on stderr when nothing is found; 2 for a usage error', async () => {
    const result = await runSamus(['discover', '--json', '--ports', 'none', '--timeout', '5000']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'SAMUS_ERR_SERVER_NOT_RUNNING' }) })]);
    const usage = await runSamus(['dicsover']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('did you mean "samus discover"?');
  });

  it('pull --auth lm-studio --json streams NDJSON progress and ends with {"ok":true}', async () => {
    const result = await runSamus(['pull', '--auth', 'lm-studio', '--json', 'qwen/qwen3-4b'], { env: { LM_STUDIO_BASE_URL: mock.url } });
    expect(result.code, result.stderr).toBe(0);
    const events = lines(result.stdout);
    expect(events[0]).toMatchObject({ event: 'progress', phase: 'downloading' });
    expect(events.at(-1)).toMatchObject({ ok: true, status: 'completed', model: 'qwen/qwen3-4b' });
  });

  it('Ctrl-C (SIGINT) during a pull exits 130 with SAMUS_ERR_ABORTED on stderr', async () => {
    const held = await startMockLMStudio({ downloadDurationMs: 60_000 });
    try {
      const { code, stderr } = await interruptWhen(['pull', '--auth', 'lm-studio', '--base-url', held.url, '--json', 'slow/model-gguf'], '"event":"progress"');
      expect(code).toBe(130);
      expect(lines(stderr).at(-1)).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_ABORTED' } });
    } finally {
      await held.close();
    }
  }, 30_000);

  it('Ctrl-C (SIGINT) during a one-shot answer ends it on a new line, exit 130, no error block', async () => {
    const { code, stdout, stderr } = await interruptWhen(['chat', '--auth', 'lm-studio', '--base-url', slow.url, 'Tell me a story'], 'word2');
    expect(code).toBe(130);
    expect(stdout).toMatch(/^word0 word1 word2.*\n$/);
    expect(stdout).not.toContain('word79');
    expect(stderr).toBe('(stopped)\n');
  }, 30_000);
});

describe('samus under a pseudo-terminal', () => {
  it('colours tables on a terminal and never on a pipe', async () => {
    const terminal = await samusOnTerminal(['models', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], []);
    expect(terminal.code).toBe(0);
    expect(terminal.screen).toMatch(ANSI);
    expect(terminal.screen).toContain('qwen2.5-7b-instruct');
    const noColor = await samusOnTerminal(['models', '--host', mock.url, '--ports', 'none', '--timeout', '5000'], [], { NO_COLOR: '1' });
    expect(noColor.screen).not.toMatch(ANSI);
    const piped = await runSamus(['models', '--host', mock.url, '--ports', 'none', '--timeout', '5000']);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^MODEL\s+KIND/);
    expect(piped.stdout + piped.stderr).not.toMatch(ANSI);
  }, 40_000);

  it('an interactive chat: prompt, answer, Ctrl-C stops an answer and keeps the session, /bye exits 0', async () => {
    const session = await samusOnTerminal(
      ['chat', '--auth', 'lm-studio', '--base-url', slow.url],
      [
        { waitFor: '>>> ', type: 'Tell me a story\r' },
        { waitFor: new RegExp(`${TYPED}[^${TYPED}]*word2`), type: '\u0003' },
        { waitFor: new RegExp(`\\(stopped\\)[^${TYPED}]*>>> `), type: '/bye\r' },
      ],
    );
    expect(session.code, session.screen).toBe(0);
    expect(session.screen).toContain('(stopped)');
    expect(session.screen).not.toContain('word79');
    expect(session.screen).not.toContain('SAMUS_ERR');
  }, 40_000);

  it('an interactive chat: Ctrl-C at the prompt exits 130', async () => {
    const session = await samusOnTerminal(['chat', '--auth', 'lm-studio', '--base-url', mock.url], [{ waitFor: '>>> ', type: '\u0003' }]);
    expect(session.code, session.screen).toBe(130);
  }, 40_000);
});
