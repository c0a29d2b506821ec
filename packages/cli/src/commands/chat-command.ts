import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { createPoolPlugin, matchesModelName, pickChatModel, POOL_AUTH_TYPE } from '@samus/discovery';
import {
  SamusError,
  type Content,
  type ContentGenerator,
  type GenerateContentConfig,
  type Kernel,
  type ModelInfo,
  type SamusEventMap,
} from '@samus/kernel';
import { EXIT, printError, toSamusError, usageError } from '../cli-error.js';
import { createCliKernel } from '../cli-kernel.js';
import type { CliInput } from '../cli-io.js';
import { type CommandContext, writeJson } from '../command-context.js';
import { nothingFound, runDiscovery, type DiscoveryFlags } from '../discovery-options.js';
import { modelNotFound } from '../model-target.js';

const PLACEHOLDER_MODEL = 'samus-pick-a-model';

interface ChatFlags extends DiscoveryFlags {
  auth?: string;
  model?: string;
  'base-url'?: string;
  system?: string;
  temperature?: string;
  'max-tokens'?: string;
}

/** `--auth` values: the first auth type of every registered plugin, then `auto`. */
function authChoices(kernel: Kernel): string[] {
  return [...kernel.plugins().map((plugin) => plugin.authTypes[0]!), 'auto'];
}

function parseNumber(flag: string, value: string | undefined, min: number, max: number, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw usageError(`--${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${value}"`, `e.g. --${flag} ${integer ? 256 : 0.7}`, { flag });
  }
  return n;
}

function noModels(where: string): SamusError {
  return new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `${where} has no chat model`, {
    hint: 'Download one (e.g. `samus pull gemma3:270m`, or `samus pull --auth lm-studio qwen/qwen3-4b`), or name one with -m.',
    details: { cliHint: true },
  });
}

/** A chat model picked for a session, and how to end it. */
interface ChatSession {
  auth: string;
  generator: ContentGenerator;
  model: string;
  close(): void;
}

/** A generator for one explicitly chosen server kind; picks (or checks) the model against the server's list. */
async function explicitSession(kernel: Kernel, auth: string, flags: ChatFlags, signal?: AbortSignal): Promise<ChatSession> {
  const plugin = kernel.pluginFor(auth);
  const spec = plugin?.configSpecs?.[auth];
  const named = flags.model ?? (kernel.env.SAMUS_MODEL?.trim() || undefined);
  const modelInEnv = (spec?.modelEnv ?? []).some((name) => (kernel.env[name] ?? '').trim() !== '');
  const pickFromServer = !named && !modelInEnv;
  let config = kernel.createContentGeneratorConfig(auth, {
    // With no model named anywhere, a placeholder gets the rest of the config resolved; the server's list decides.
    ...(named ? { model: named } : pickFromServer ? { model: spec?.defaultModel ?? PLACEHOLDER_MODEL } : {}),
    ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
  });
  // A generic OpenAI-compatible server may serve names it does not list: only the server kinds that list exactly are checked.
  const checkName = named !== undefined && plugin?.id !== 'openai';
  if ((pickFromServer || checkName) && config.baseUrl && plugin?.capabilities?.modelListing) {
    const timeout = AbortSignal.timeout(10_000);
    const admin = await kernel.createAdmin(auth, {
      baseUrl: config.baseUrl,
      headers: config.headers,
      timeouts: { connectMs: 10_000, firstByteMs: 10_000, idleMs: 10_000, totalMs: 10_000 },
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    });
    const models: ModelInfo[] = await admin.listModels({ signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    const has = (name: string) => models.some((m) => matchesModelName({ ...m, serverKind: plugin.id }, name));
    if (checkName && !has(config.model)) {
      throw modelNotFound(config.model, models.filter((m) => m.kind === 'chat'), `${plugin.displayName ?? plugin.id} at ${config.baseUrl}`, plugin.id);
    }
    if (pickFromServer && !has(config.model)) {
      const picked = pickChatModel(models);
      if (!picked) throw noModels(config.baseUrl);
      config = { ...config, model: picked };
    }
  }
  return { auth, generator: await kernel.createContentGenerator(config), model: config.model, close: () => undefined };
}

/** Discovery + routing pool: the model named (or a loaded chat model) on a healthy server that has it. */
async function autoSession(context: CommandContext, kernel: Kernel, flags: ChatFlags): Promise<ChatSession> {
  const { io } = context;
  const { discovery, report } = await runDiscovery(io, { ...flags, ...(flags['base-url'] ? { host: [...(flags.host ?? []), flags['base-url']] } : {}) }, kernel);
  try {
    if (discovery.servers().length === 0) throw nothingFound(report);
    const models = discovery.catalogue.models();
    const named = flags.model ?? (io.env.SAMUS_MODEL?.trim() || undefined);
    if (named !== undefined && !models.some((m) => matchesModelName(m, named))) {
      const errors = discovery.catalogue.errors();
      if (models.length === 0 && errors.length > 0) throw errors[0]!.error;
      const servers = discovery.servers().map((server) => server.url);
      throw modelNotFound(named, models.filter((m) => m.kind === 'chat'), servers.length === 1 ? servers[0]! : `the ${servers.length} servers found`);
    }
    const model = named ?? pickChatModel(models);
    if (!model) throw noModels(discovery.servers().length === 1 ? discovery.servers()[0]!.url : 'No server found');
    kernel.register(createPoolPlugin(discovery));
    const generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig(POOL_AUTH_TYPE, { model }));
    return { auth: 'auto', generator, model, close: () => discovery.close() };
  } catch (error) {
    discovery.close();
    throw error;
  }
}

/** What one answer produced. */
interface Answer {
  text: string;
  /** Stopped by the person (Ctrl-C) before the end. */
  stopped: boolean;
  finishReason?: string;
  ttftMs?: number;
  tokensPerSecond?: number;
  outputTokens?: number;
  durationMs: number;
  model: string;
  server?: string;
  serverTimings?: unknown;
}

const round = (n: number | undefined, digits = 1): number | undefined => (n === undefined ? undefined : Math.round(n * 10 ** digits) / 10 ** digits);

/** Streams one answer to `contents`, calling `onText` for every piece of visible text. */
async function streamAnswer(
  kernel: Kernel,
  session: ChatSession,
  contents: string | Content[],
  config: GenerateContentConfig,
  signal: AbortSignal | undefined,
  onText: (text: string) => void,
): Promise<Answer> {
  let start: SamusEventMap['request:start'] | undefined;
  let finish: SamusEventMap['response:finish'] | undefined;
  const offStart = kernel.events.on('request:start', (e) => (start = e));
  const offFinish = kernel.events.on('response:finish', (e) => (finish = e));
  const began = performance.now();
  let firstAt: number | undefined;
  let text = '';
  let outputTokens: number | undefined;
  let finishReason: string | undefined;
  let stopped = false;
  try {
    const stream = await session.generator.generateContentStream({ model: session.model, contents, config: { ...config, ...(signal ? { abortSignal: signal } : {}) } });
    for await (const chunk of stream) {
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (!part.text || part.thought) continue;
        firstAt ??= performance.now();
        text += part.text;
        onText(part.text);
      }
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      if (chunk.usageMetadata?.candidatesTokenCount !== undefined) outputTokens = chunk.usageMetadata.candidatesTokenCount;
      if (signal?.aborted) {
        stopped = true;
        break;
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
    stopped = true;
  } finally {
    offStart();
    offFinish();
  }
  const ended = performance.now();
  outputTokens = finish?.outputTokens ?? outputTokens;
  const ttftMs = finish?.ttftMs ?? (firstAt === undefined ? undefined : firstAt - began);
  const tokensPerSecond =
    finish?.tokensPerSecond ?? (outputTokens !== undefined && firstAt !== undefined && ended > firstAt ? (outputTokens / (ended - firstAt)) * 1000 : undefined);
  return {
    text,
    stopped,
    ...(finishReason ? { finishReason } : {}),
    ...(ttftMs === undefined ? {} : { ttftMs }),
    ...(tokensPerSecond === undefined ? {} : { tokensPerSecond }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    durationMs: ended - began,
    model: start?.model ?? session.model,
    ...(start?.baseUrl ? { server: start.baseUrl } : {}),
    ...(finish?.server ? { serverTimings: finish.server } : {}),
  };
}

function statsLine(context: CommandContext, answer: Answer): void {
  const stats = [
    `TTFT ${answer.ttftMs === undefined ? '—' : `${Math.round(answer.ttftMs)} ms`}`,
    `${answer.tokensPerSecond === undefined ? '—' : answer.tokensPerSecond.toFixed(1)} tokens/s`,
    ...(answer.outputTokens === undefined ? [] : [`${answer.outputTokens} tokens`]),
    `${answer.model}${answer.server ? ` @ ${answer.server}` : ''}`,
  ];
  context.io.stderr.write(`${context.errColors.dim(stats.join(' · '))}\n`);
}

async function readAll(input: CliInput): Promise<string> {
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return text;
}

/** One prompt, one answer (argument or stdin); Ctrl-C ends the answer on a new line, exit code 130. */
async function oneShot(context: CommandContext, kernel: Kernel, session: ChatSession, prompt: string, config: GenerateContentConfig): Promise<number> {
  const { io } = context;
  let endsWithNewline = true;
  const answer = await streamAnswer(kernel, session, prompt, config, io.signal, (text) => {
    endsWithNewline = text.endsWith('\n');
    if (context.json) writeJson(context, { event: 'text', text });
    else io.stdout.write(text);
  });
  if (context.json) {
    if (answer.stopped) throw new SamusError('SAMUS_ERR_ABORTED', 'Interrupted: the answer was stopped', { details: { partialText: answer.text } });
    writeJson(context, {
      ok: true,
      auth: session.auth,
      model: answer.model,
      ...(answer.server ? { server: answer.server } : {}),
      text: answer.text,
      ...(answer.finishReason ? { finishReason: answer.finishReason } : {}),
      ttftMs: round(answer.ttftMs),
      tokensPerSecond: round(answer.tokensPerSecond),
      outputTokens: answer.outputTokens,
      durationMs: round(answer.durationMs),
      ...(answer.serverTimings ? { serverTimings: answer.serverTimings } : {}),
    });
    return EXIT.ok;
  }
  if (!endsWithNewline || answer.text === '') io.stdout.write('\n');
  if (answer.stopped) {
    io.stderr.write(`${context.errColors.dim('(stopped)')}\n`);
    return EXIT.aborted;
  }
  statsLine(context, answer);
  return EXIT.ok;
}

const REPL_HELP = `Commands:
  /bye, /exit    end the session (or Ctrl-D)
  /clear         forget the conversation so far
  /help, /?      this help
Ctrl-C stops the answer being written; at the prompt it ends the session.
`;

/** The terminal session: `>>> ` prompts, multi-turn history, Ctrl-C stops an answer, /bye or Ctrl-D ends. */
async function interactive(context: CommandContext, kernel: Kernel, session: ChatSession, config: GenerateContentConfig): Promise<number> {
  const { io } = context;
  const input = io.stdin!;
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      io.stdout.write(String(chunk));
      callback();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  output.isTTY = io.stdout.isTTY === true;
  output.columns = io.stdout.columns ?? 80;
  // Line editing (and Ctrl-C as a key) needs a terminal on both ends; with stdout redirected, plain lines.
  const rl: Interface = createInterface({ input, output, terminal: io.stdout.isTTY === true, prompt: '>>> ', historySize: 200 });
  const history: Content[] = [];
  let answering: AbortController | undefined;
  let exitCode: number = EXIT.ok;
  let interrupted = false;
  let bye = false;
  const interrupt = (): void => {
    if (answering) {
      answering.abort();
      return;
    }
    if (rl.line.length > 0) {
      // Ctrl-C with text typed: drop the line, as a shell does.
      output.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      rl.prompt();
      return;
    }
    interrupted = true;
    exitCode = EXIT.aborted;
    output.write('\n');
    rl.close();
  };
  rl.on('SIGINT', interrupt);
  const onAbort = (): void => {
    answering?.abort();
    exitCode = EXIT.aborted;
    interrupted = true;
    rl.close();
  };
  io.signal?.addEventListener('abort', onAbort, { once: true });
  io.stderr.write(`${context.errColors.dim(`Chatting with ${session.model}. /bye or Ctrl-D to exit, /? for help.`)}\n`);
  rl.prompt();
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (text === '') {
        rl.prompt();
        continue;
      }
      if (text.startsWith('/')) {
        const command = text.split(/\s+/)[0]!.toLowerCase();
        if (['/bye', '/exit', '/quit'].includes(command)) {
          bye = true;
          break;
        }
        if (command === '/clear') {
          history.length = 0;
          io.stdout.write('Cleared the conversation.\n');
        } else if (command === '/help' || command === '/?') io.stdout.write(REPL_HELP);
        else io.stdout.write(`Unknown command ${command}: /? lists the commands.\n`);
        rl.prompt();
        continue;
      }
      history.push({ role: 'user', parts: [{ text }] });
      const controller = new AbortController();
      answering = controller;
      let endsWithNewline = true;
      try {
        const answer = await streamAnswer(kernel, session, [...history], config, controller.signal, (piece) => {
          endsWithNewline = piece.endsWith('\n');
          io.stdout.write(piece);
        });
        if (!endsWithNewline || answer.text === '') io.stdout.write('\n');
        if (answer.text !== '') history.push({ role: 'model', parts: [{ text: answer.text }] });
        else history.pop();
        if (answer.stopped) io.stderr.write(`${context.errColors.dim('(stopped)')}\n`);
        else statsLine(context, answer);
      } catch (error) {
        history.pop();
        if (!endsWithNewline) io.stdout.write('\n');
        printError(toSamusError(error), io, context.errColors, false);
      } finally {
        answering = undefined;
      }
      if (interrupted) break;
      rl.prompt();
    }
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    rl.close();
  }
  // Ctrl-D leaves the cursor after the prompt: end the line for the shell.
  if (!interrupted && !bye) output.write('\n');
  return exitCode;
}

/**
 * `samus chat`: with a prompt (arguments or stdin) streams one answer and prints time to first token and tokens/s at
 * the end; with none on a terminal, an interactive multi-turn session.
 */
export async function chatCommand(context: CommandContext): Promise<number> {
  const flags = context.values as ChatFlags;
  const { io } = context;
  const kernel = createCliKernel(io);
  const auth = flags.auth ?? 'auto';
  const choices = authChoices(kernel);
  if (!choices.includes(auth)) throw usageError(`--auth must be one of ${choices.join(', ')}, got "${flags.auth}"`, 'e.g. --auth ollama, or leave it out to discover servers.', { flag: 'auth' });
  const temperature = parseNumber('temperature', flags.temperature, 0, 2, false);
  const maxTokens = parseNumber('max-tokens', flags['max-tokens'], 1, 1_000_000, true);
  let prompt = context.args.join(' ').trim();
  let mode: 'once' | 'interactive' = 'once';
  if (prompt === '') {
    if (io.stdin && io.stdin.isTTY !== true) {
      prompt = (await readAll(io.stdin)).trim();
      if (prompt === '') throw usageError('samus chat got an empty prompt on stdin', 'Pipe some text in (echo "hi" | samus chat), or give the prompt as an argument.');
    } else if (io.stdin?.isTTY === true) {
      if (context.json) throw usageError('samus chat --json needs a prompt (as an argument or on stdin)', 'e.g. samus chat --json "Why is the sky blue?"');
      mode = 'interactive';
    } else throw usageError('samus chat needs a prompt, e.g. samus chat "Why is the sky blue?"', 'Give the prompt as an argument, pipe it in, or run samus chat on a terminal for a session.');
  }
  const config: GenerateContentConfig = {
    ...(flags.system ? { systemInstruction: flags.system } : {}),
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
  };
  const session = auth === 'auto' ? await autoSession(context, kernel, flags) : await explicitSession(kernel, auth, flags, io.signal);
  try {
    return mode === 'once' ? await oneShot(context, kernel, session, prompt, config) : await interactive(context, kernel, session, config);
  } finally {
    session.close();
  }
}
