import { SamusError } from '@samus/kernel';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHint } from './cli-hints.js';
import { colorsEnabled } from './colors.js';
import { COMMAND_SPECS, GLOBAL_FLAGS } from './command-spec.js';
import { didYouMean, similarModelNames } from './did-you-mean.js';
import { runCli } from './run-cli.js';
import { memoryIo } from './testing-io.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

let mock: MockLMStudio;
beforeAll(async () => {
  mock = await startMockLMStudio({ models: [{ id: 'qwen2.5-7b-instruct', type: 'llm', loaded: true }] });
});
afterAll(() => mock.close());

describe('colours', () => {
  it('are decided per stream: a table piped from stdout has none while stderr is a terminal, and the reverse', async () => {
    const args = ['models', '--host', mock.url, '--ports', 'none', '--timeout', '5000'];
    const piped = memoryIo({}, false, { stdoutTty: false, stderrTty: true });
    expect(await runCli(args, piped)).toBe(0);
    expect(piped.out()).toMatch(/^MODEL\s+KIND/);
    expect(piped.out()).not.toMatch(ANSI);
    const terminal = memoryIo({}, false, { stdoutTty: true, stderrTty: false });
    expect(await runCli(args, terminal)).toBe(0);
    expect(terminal.out()).toMatch(ANSI);
    const failing = memoryIo({}, false, { stdoutTty: true, stderrTty: false });
    expect(await runCli(['dicsover'], failing)).toBe(2);
    expect(failing.err()).not.toMatch(ANSI);
    const failingOnTty = memoryIo({}, false, { stdoutTty: false, stderrTty: true });
    expect(await runCli(['dicsover'], failingOnTty)).toBe(2);
    expect(failingOnTty.err()).toMatch(ANSI);
  });

  it('NO_COLOR counts only when non-empty; FORCE_COLOR forces them; --no-color and TERM=dumb turn them off', async () => {
    const tty = { isTTY: true, write: () => true };
    const pipe = { isTTY: false, write: () => true };
    expect(colorsEnabled(tty, {})).toBe(true);
    expect(colorsEnabled(pipe, {})).toBe(false);
    expect(colorsEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorsEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorsEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorsEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorsEnabled(pipe, { FORCE_COLOR: '' })).toBe(false);
    expect(colorsEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorsEnabled(tty, { FORCE_COLOR: '1' }, { noColor: true })).toBe(false);
    const args = ['discover', '--host', mock.url, '--ports', 'none', '--timeout', '5000'];
    const empty = memoryIo({ NO_COLOR: '' }, true);
    await runCli(args, empty);
    expect(empty.out()).toMatch(ANSI);
    const forced = memoryIo({ FORCE_COLOR: '1' }, false);
    await runCli(args, forced);
    expect(forced.out()).toMatch(ANSI);
    const flag = memoryIo({}, true);
    await runCli([...args, '--no-color'], flag);
    expect(flag.out() + flag.err()).not.toMatch(ANSI);
    const json = memoryIo({ FORCE_COLOR: '1' }, true);
    await runCli([...args, '--json'], json);
    expect(json.out()).not.toMatch(ANSI);
  });
});

describe('help', () => {
  it('every command has its own --help listing each of its flags, its variables and an example; samus help <cmd> says the same', async () => {
    const global = memoryIo();
    await runCli(['--help'], global);
    for (const spec of COMMAND_SPECS.filter((command) => command.name !== 'help')) {
      const io = memoryIo();
      expect(await runCli([spec.name, '--help'], io), spec.name).toBe(0);
      const text = io.out();
      expect(text, spec.name).toMatch(new RegExp(`^samus ${spec.name} — `));
      expect(text, spec.name).not.toBe(global.out());
      for (const flag of [...spec.flags, ...GLOBAL_FLAGS.filter((g) => g.name !== 'json' || spec.name !== 'completion')]) {
        expect(text, `${spec.name} --${flag.name}`).toContain(`--${flag.name}${flag.value ? ` ${flag.value}` : ''}`);
      }
      expect(text, spec.name).toContain('Examples:\n  samus ');
      const same = memoryIo();
      expect(await runCli(['help', spec.name], same)).toBe(0);
      expect(same.out()).toBe(text);
    }
    const chat = memoryIo();
    await runCli(['chat', '-h'], chat);
    for (const text of ['-m, --model MODEL', '--host URL', '--ports LIST', '--timeout MS', 'SAMUS_MODEL', 'OLLAMA_HOST', 'LM_API_TOKEN', 'NO_COLOR', 'FORCE_COLOR', '/bye']) expect(chat.out()).toContain(text);
    const unknown = memoryIo();
    expect(await runCli(['help', 'chta'], unknown)).toBe(2);
    expect(unknown.err()).toContain('No command "chta" — did you mean "chat"?');
  });

  it('prints completion scripts for bash, zsh and fish built from the same command list', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const io = memoryIo();
      expect(await runCli(['completion', shell], io), shell).toBe(0);
      for (const name of ['discover', 'models', 'ps', 'chat', 'pull', 'rm', 'load', 'unload', 'show']) expect(io.out(), `${shell} ${name}`).toContain(name);
      expect(io.out(), shell).toContain(shell === 'fish' ? '-l model -s m' : '--model');
    }
    const bad = memoryIo();
    expect(await runCli(['completion', 'tcsh'], bad)).toBe(2);
    expect(bad.err()).toContain('[SAMUS_ERR_USAGE] samus completion knows bash, zsh and fish, got "tcsh"');
  });

  it('usage errors: a flag value missing, a boolean with a value, a flag given twice, too many arguments', async () => {
    const cases: [string[], string][] = [
      [['chat', '--model'], '--model needs a value (MODEL)'],
      [['models', '--json=yes'], '--json takes no value'],
      [['chat', '-m', 'a', '--model', 'b', 'hi'], '--model was given twice'],
      [['discover', 'extra'], 'samus discover takes no arguments, got "extra"'],
      [['show'], 'samus show needs a model name, e.g. samus show gemma3:270m'],
      [['chat', '--temperature', 'hot', 'hi'], '--temperature must be a number from 0 to 2, got "hot"'],
    ];
    for (const [args, message] of cases) {
      const io = memoryIo();
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.err(), args.join(' ')).toContain(`[SAMUS_ERR_USAGE] ${message}`);
    }
  });
});

describe('--json', () => {
  it('is NDJSON for every command: each stdout line one JSON object, the last one the result; errors one line on stderr', async () => {
    const where = ['--host', mock.url, '--ports', 'none', '--timeout', '5000'];
    const direct = ['--auth', 'lm-studio', '--base-url', mock.url];
    const runs: string[][] = [
      ['discover', ...where],
      ['models', ...where],
      ['ps', ...where],
      ['show', ...where, 'qwen2.5-7b-instruct'],
      ['chat', ...direct, 'hi'],
      ['load', ...direct, 'qwen2.5-7b-instruct'],
      ['unload', ...direct, 'qwen2.5-7b-instruct'],
      ['--version'],
    ];
    for (const args of runs) {
      const io = memoryIo();
      expect(await runCli([...args, '--json'], io), args.join(' ')).toBe(0);
      const lines = io.out().split('\n');
      expect(lines.pop(), args.join(' ')).toBe('');
      const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(objects.at(-1), args.join(' ')).toMatchObject({ ok: true });
      expect(objects.slice(0, -1).every((object) => typeof object.event === 'string'), args.join(' ')).toBe(true);
      expect(io.err(), args.join(' ')).toBe('');
    }
    const failing = memoryIo();
    expect(await runCli(['show', ...where, 'nope', '--json'], failing)).toBe(1);
    expect(failing.out()).toBe('');
    expect(failing.err().split('\n')).toHaveLength(2);
    expect(JSON.parse(failing.err())).toMatchObject({ ok: false, error: { code: 'SAMUS_ERR_MODEL_NOT_FOUND', hint: expect.stringContaining('samus pull') } });
  });
});

describe('did you mean', () => {
  it('suggests commands and flags within a few edits, and model names by prefix and family', () => {
    expect(didYouMean('dicsover', ['discover', 'models'])).toBe('discover');
    expect(didYouMean('--modle', ['--model', '--host'])).toBe('--model');
    expect(didYouMean('zzz', ['discover', 'models'])).toBeUndefined();
    const installed = ['qwen2.5-7b-instruct', 'text-embedding-nomic-embed-text-v1.5', 'gemma3:270m', 'llama3.2:3b'];
    expect(similarModelNames('qwen', installed)).toEqual(['qwen2.5-7b-instruct']);
    expect(similarModelNames('qwen2.5-7b', installed)).toEqual(['qwen2.5-7b-instruct']);
    expect(similarModelNames('gemma3:1b', installed)).toEqual(['gemma3:270m']);
    expect(similarModelNames('lama3.2:3b', installed)).toEqual(['llama3.2:3b']);
    expect(similarModelNames('mistral', installed)).toEqual([]);
  });
});

describe('hints', () => {
  it('name samus commands instead of the servers\' own tools or library calls', () => {
    const ollamaMissing = new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', 'Model "gemma3" is not installed on the Ollama server at http://127.0.0.1:11434', {
      hint: 'Download it with `ollama pull gemma3`, or pick an installed model (`ollama list`).',
      details: { model: 'gemma3', provider: 'ollama', suggestions: ['gemma3:270m'] },
    });
    expect(cliHint(ollamaMissing)).toBe('Did you mean `gemma3:270m`? Or download it with `samus pull gemma3` (`samus models` lists what is installed).');
    const lmMissing = new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', 'LM Studio does not know the model "x"', { hint: 'Use … `lms get x` …', details: { model: 'x' } });
    expect(cliHint(lmMissing)).toBe('Download it with `samus pull --auth lm-studio x`, or pick an installed model from `samus models`.');
    const notLoaded = new SamusError('SAMUS_ERR_MODEL_NOT_LOADED', 'LM Studio has no model loaded', { hint: 'Load it with `lms load m`, or …', details: { model: 'm' } });
    expect(cliHint(notLoaded)).toBe('Load it with `samus load m`, or enable just-in-time loading on the server.');
    const embedding = new SamusError('SAMUS_ERR_CAPABILITY_MISSING', 'Model "all-minilm" does not support chat (Ollama at u)', {
      hint: '"all-minilm" is an embedding model: use it with embedContent(), and a chat model for generation.',
      details: { model: 'all-minilm' },
    });
    expect(cliHint(embedding)).not.toContain('embedContent');
    expect(cliHint(embedding)).toContain('pick a chat model');
    const overflow = new SamusError('SAMUS_ERR_CONTEXT_OVERFLOW', 'too long', { hint: 'Shorten the prompt, or reload the model with a larger context: `lms load m --context-length <n>`.' });
    expect(cliHint(overflow)).toBe('Shorten the prompt, or reload the model with a larger context: `samus load --context-length <n> m`.');
  });
});
