import { createPoolPlugin, pickChatModel, POOL_AUTH_TYPE } from '@samus/discovery';
import {
  SamusError,
  type ContentGenerator,
  type GenerateContentConfig,
  type Kernel,
  type SamusEventMap,
} from '@samus/kernel';
import { usageError } from '../cli-error.js';
import { createCliKernel } from '../cli-kernel.js';
import { type CommandContext, writeJson } from '../command-context.js';
import { nothingFound, runDiscovery, type DiscoveryFlags } from '../discovery-options.js';

const PLACEHOLDER_MODEL = 'samus-pick-a-model';

/** `--auth` values: the first auth type of every registered plugin, then `auto`. */
function authChoices(kernel: Kernel): string[] {
  return [...kernel.plugins().map((plugin) => plugin.authTypes[0]!), 'auto'];
}

interface ChatFlags extends DiscoveryFlags {
  auth?: string;
  model?: string;
  'base-url'?: string;
  system?: string;
  temperature?: string;
  'max-tokens'?: string;
}

function parseNumber(flag: string, value: string | undefined, min: number, max: number, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw usageError(`--${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function noModels(where: string): SamusError {
  return new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `${where} has no chat model`, {
    hint: 'Download one (e.g. `ollama pull gemma3:270m`, or `lms get` in LM Studio), or name one with --model.',
  });
}

/** A generator for one explicitly chosen server kind; picks a model from the server when none was configured. */
async function explicitGenerator(kernel: Kernel, auth: string, flags: ChatFlags, signal?: AbortSignal): Promise<{ generator: ContentGenerator; model: string }> {
  const plugin = kernel.pluginFor(auth);
  const spec = plugin?.configSpecs?.[auth];
  const modelInEnv = (spec?.modelEnv ?? []).some((name) => (kernel.env[name] ?? '').trim() !== '');
  const pickFromServer = !flags.model && !modelInEnv;
  let config = kernel.createContentGeneratorConfig(auth, {
    // With no model named anywhere, a placeholder gets the rest of the config resolved; the server's list decides.
    ...(flags.model ? { model: flags.model } : pickFromServer ? { model: spec?.defaultModel ?? PLACEHOLDER_MODEL } : {}),
    ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
  });
  if (pickFromServer && config.baseUrl && plugin?.capabilities?.modelListing) {
    // No model named anywhere: ask the server what it has (through the plugin's admin) rather than guessing a name.
    const timeout = AbortSignal.timeout(10_000);
    const admin = await kernel.createAdmin(auth, {
      baseUrl: config.baseUrl,
      headers: config.headers,
      timeouts: { connectMs: 10_000, firstByteMs: 10_000, idleMs: 10_000, totalMs: 10_000 },
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    });
    const models = await admin.listModels({ signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!models.some((m) => m.id === config.model || m.aliases.includes(config.model))) {
      const picked = pickChatModel(models);
      if (!picked) throw noModels(config.baseUrl);
      config = { ...config, model: picked };
    }
  }
  return { generator: await kernel.createContentGenerator(config), model: config.model };
}

/** `samus chat`: streams one answer and prints time to first token and tokens/s at the end. */
export async function chatCommand(context: CommandContext): Promise<number> {
  const flags = context.values as ChatFlags;
  const { io, colors } = context;
  const kernel = createCliKernel(io);
  const auth = flags.auth ?? 'auto';
  const choices = authChoices(kernel);
  if (!choices.includes(auth)) throw usageError(`--auth must be one of ${choices.join(', ')}, got "${flags.auth}"`);
  const prompt = context.args.join(' ').trim();
  if (prompt === '') throw usageError('samus chat needs a prompt, e.g. samus chat "Why is the sky blue?"');
  const temperature = parseNumber('temperature', flags.temperature, 0, 2, false);
  const maxTokens = parseNumber('max-tokens', flags['max-tokens'], 1, 1_000_000, true);

  let generator: ContentGenerator;
  let model: string;
  let close = (): void => undefined;
  if (auth === 'auto') {
    const { discovery, report } = await runDiscovery(io, { ...flags, ...(flags['base-url'] ? { host: [...(flags.host ?? []), flags['base-url']] } : {}) }, kernel);
    close = () => discovery.close();
    if (discovery.servers().length === 0) {
      close();
      throw nothingFound(report);
    }
    const picked = flags.model ?? io.env.SAMUS_MODEL ?? pickChatModel(discovery.catalogue.models());
    if (!picked) {
      close();
      throw noModels('No server found');
    }
    model = picked;
    kernel.register(createPoolPlugin(discovery));
    generator = await kernel.createContentGenerator(kernel.createContentGeneratorConfig(POOL_AUTH_TYPE, { model }));
  } else {
    ({ generator, model } = await explicitGenerator(kernel, auth, flags, io.signal));
  }

  let start: SamusEventMap['request:start'] | undefined;
  let finish: SamusEventMap['response:finish'] | undefined;
  kernel.events.on('request:start', (e) => (start = e));
  kernel.events.on('response:finish', (e) => (finish = e));

  const config: GenerateContentConfig = {
    ...(io.signal ? { abortSignal: io.signal } : {}),
    ...(flags.system ? { systemInstruction: flags.system } : {}),
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
  };
  const began = performance.now();
  let firstAt: number | undefined;
  let text = '';
  let outputTokens: number | undefined;
  let finishReason: string | undefined;
  try {
    for await (const chunk of await generator.generateContentStream({ model, contents: prompt, config })) {
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (!part.text || part.thought) continue;
        firstAt ??= performance.now();
        text += part.text;
        if (!context.json) io.stdout.write(part.text);
      }
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      if (chunk.usageMetadata?.candidatesTokenCount !== undefined) outputTokens = chunk.usageMetadata.candidatesTokenCount;
    }
  } finally {
    close();
  }
  const ended = performance.now();
  const ttftMs = finish?.ttftMs ?? (firstAt === undefined ? undefined : firstAt - began);
  outputTokens = finish?.outputTokens ?? outputTokens;
  const tokensPerSecond =
    finish?.tokensPerSecond ?? (outputTokens !== undefined && firstAt !== undefined && ended > firstAt ? (outputTokens / (ended - firstAt)) * 1000 : undefined);
  const server = start?.baseUrl;
  const servedModel = start?.model ?? model;
  const round = (n: number | undefined, digits = 1): number | undefined => (n === undefined ? undefined : Math.round(n * 10 ** digits) / 10 ** digits);
  if (context.json) {
    writeJson(context, {
      ok: true,
      auth,
      model: servedModel,
      ...(server ? { server } : {}),
      text,
      ...(finishReason ? { finishReason } : {}),
      ttftMs: round(ttftMs),
      tokensPerSecond: round(tokensPerSecond),
      outputTokens,
      durationMs: round(ended - began),
      ...(finish?.server ? { serverTimings: finish.server } : {}),
    });
    return 0;
  }
  if (!text.endsWith('\n')) io.stdout.write('\n');
  const stats = [
    `TTFT ${ttftMs === undefined ? '—' : `${Math.round(ttftMs)} ms`}`,
    `${tokensPerSecond === undefined ? '—' : tokensPerSecond.toFixed(1)} tokens/s`,
    ...(outputTokens === undefined ? [] : [`${outputTokens} tokens`]),
    `${servedModel}${server ? ` @ ${server}` : ''}`,
  ];
  io.stderr.write(`${colors.dim(stats.join(' · '))}\n`);
  return 0;
}
