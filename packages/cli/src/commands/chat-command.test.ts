import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { memoryIo } from '../testing-io.js';

let mock: MockLMStudio;
let slow: MockLMStudio;
const LONG = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');

beforeAll(async () => {
  mock = await startMockLMStudio({
    models: [
      { id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true },
      { id: 'text-embedding-nomic-embed-text-v1.5', type: 'embeddings' },
    ],
    replies: (context) => ({ content: `answer ${(context.body.messages as { role: string }[]).filter((m) => m.role === 'user').length}` }),
  });
  slow = await startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }], tokenDelayMs: 40, replies: () => ({ content: LONG }) });
});
afterAll(async () => {
  await mock.close();
  await slow.close();
});

async function until(check: () => boolean, what: string, show: () => string = () => ''): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(show())}`);
}

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

const lmArgs = (server: MockLMStudio) => ['chat', '--auth', 'lm-studio', '--base-url', server.url];

describe('samus chat', () => {
  it('reads the prompt from stdin when stdin is not a terminal (echo hi | samus chat)', async () => {
    const io = memoryIo({}, false, { stdin: 'Why is the sky blue?\n' });
    expect(await runCli(lmArgs(mock), io)).toBe(0);
    expect(io.out()).toBe('answer 1\n');
    const sent = mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.at(-1)).toMatchObject({ role: 'user', content: 'Why is the sky blue?' });
    const empty = memoryIo({}, false, { stdin: '  \n' });
    expect(await runCli(lmArgs(mock), empty)).toBe(2);
    expect(empty.err()).toContain('[SAMUS_ERR_USAGE] samus chat got an empty prompt on stdin');
  });

  it('a model that is not there gets similar chat models (by prefix) and the samus pull hint', async () => {
    const io = memoryIo();
    expect(await runCli([...lmArgs(mock), '-m', 'qwen', 'hi'], io)).toBe(1);
    expect(io.err()).toContain(`[SAMUS_ERR_MODEL_NOT_FOUND] No model "qwen" on LM Studio at ${mock.url}`);
    expect(io.err()).toContain('hint: Did you mean `qwen2.5-7b-instruct`? Or download it with `samus pull --auth lm-studio qwen`');
    const auto = memoryIo({ SAMUS_MODEL: 'text-embed' });
    expect(await runCli(['chat', '--host', mock.url, '--ports', 'none', '--timeout', '5000', 'hi'], auto)).toBe(1);
    expect(auto.err()).toContain('[SAMUS_ERR_MODEL_NOT_FOUND] No model "text-embed"');
    // Only chat models are offered for chat: the embedding model that starts with the name is not.
    expect(auto.err()).not.toContain('`text-embedding-nomic-embed-text-v1.5`');
    expect(auto.err()).toContain('`samus pull text-embed`');
    const prefix = memoryIo({ SAMUS_MODEL: 'qwen2.5-7b' });
    expect(await runCli(['chat', '--host', mock.url, '--ports', 'none', '--timeout', '5000', 'hi'], prefix)).toBe(1);
    expect(prefix.err()).toContain('Did you mean `qwen2.5-7b-instruct`?');
  });

  it('samus run MODEL [PROMPT] is samus chat -m MODEL, as ollama run', async () => {
    const io = memoryIo();
    expect(await runCli(['run', '--auth', 'lm-studio', '--base-url', mock.url, '--json', 'qwen2.5-7b-instruct', 'hi'], io)).toBe(0);
    expect(JSON.parse(io.out().trimEnd().split('\n').at(-1)!)).toMatchObject({ ok: true, model: 'qwen2.5-7b-instruct', text: 'answer 1' });
    const missing = memoryIo();
    expect(await runCli(['run'], missing)).toBe(2);
    expect(missing.err()).toContain('[SAMUS_ERR_USAGE] samus run needs a model name, e.g. samus run gemma3:270m');
    const noModelFlag = memoryIo();
    expect(await runCli(['run', '-m', 'x', 'y'], noModelFlag)).toBe(2);
  });

  it('SAMUS_MODEL and -m choose the model', async () => {
    const io = memoryIo({ SAMUS_MODEL: 'qwen2.5-7b-instruct' });
    expect(await runCli(['chat', '--host', mock.url, '--ports', 'none', '--timeout', '5000', '--json', 'hi'], io)).toBe(0);
    expect(JSON.parse(io.out().trimEnd().split('\n').at(-1)!)).toMatchObject({ ok: true, model: 'qwen2.5-7b-instruct' });
  });

  it('Ctrl-C during a one-shot answer ends it on a new line with exit code 130 and no error block', async () => {
    const controller = new AbortController();
    const io = { ...memoryIo(), signal: controller.signal };
    const running = runCli([...lmArgs(slow), 'Tell me a long story'], io);
    await until(() => io.out().includes('word3'), 'the first words');
    controller.abort();
    expect(await running).toBe(130);
    expect(io.out()).toMatch(/^word0 word1 word2 word3.*\n$/);
    expect(io.out()).not.toContain('word59');
    expect(io.err()).toBe('(stopped)\n');
  });

  it('on a terminal: an interactive session with multi-turn history, /clear, /bye', async () => {
    const io = memoryIo({}, false, { stdin: 'tty', stdoutTty: true });
    const running = runCli(lmArgs(mock), io);
    await until(() => io.out().includes('>>> '), 'the prompt');
    io.type('Hello there\r');
    await until(() => io.out().includes('answer 1\n'), 'the first answer', () => io.out() + io.err());
    io.type('And again?\r');
    await until(() => io.out().includes('answer 2\n'), 'the second answer');
    const second = mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(second.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello there'],
      ['assistant', 'answer 1'],
      ['user', 'And again?'],
    ]);
    io.type('/clear\r');
    await until(() => io.out().includes('Cleared the conversation.'), '/clear');
    io.type('Fresh start\r');
    await until(() => io.out().lastIndexOf('answer 1') > io.out().indexOf('Cleared'), 'the answer after /clear', () => io.out());
    io.type('/bye\r');
    expect(await running).toBe(0);
    expect(io.err()).toContain('Chatting with qwen2.5-7b-instruct');
    expect(io.err()).toMatch(/TTFT \d+ ms/);
  });

  it('on a terminal: Ctrl-C stops the answer and keeps the session; Ctrl-C at the prompt exits 130; Ctrl-D exits 0', async () => {
    const io = memoryIo({}, false, { stdin: 'tty', stdoutTty: true });
    const running = runCli(lmArgs(slow), io);
    await until(() => io.out().includes('>>> '), 'the prompt');
    io.type('Tell me a long story\r');
    await until(() => io.out().includes('word3'), 'the first words');
    io.type('\u0003');
    await until(() => io.err().includes('(stopped)'), 'the stop');
    expect(io.err()).not.toContain('error');
    await until(() => /word3[^\n]*\n>>> $/.test(plain(io.out())), 'the next prompt on a new line', () => io.out() + io.err());
    expect(io.out()).not.toContain('word59');
    io.type('\u0003');
    expect(await running).toBe(130);

    const eof = memoryIo({}, false, { stdin: 'tty', stdoutTty: true });
    const ending = runCli(lmArgs(mock), eof);
    await until(() => eof.out().includes('>>> '), 'the prompt');
    eof.type('\u0004');
    expect(await ending).toBe(0);
  });

  it('--json without a prompt on a terminal is a usage error (NDJSON needs a prompt)', async () => {
    const io = memoryIo({}, false, { stdin: 'tty', stdoutTty: true });
    expect(await runCli([...lmArgs(mock), '--json'], io)).toBe(2);
    expect(JSON.parse(io.err())).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_USAGE' } });
  });
});
