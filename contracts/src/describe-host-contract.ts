import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApprovalMode,
  BaseDeclarativeTool,
  BaseLlmClient,
  BaseToolInvocation,
  CompressionStatus,
  Config,
  DEFAULT_GEMINI_MODEL,
  DEFAULT_GEMINI_MODEL_AUTO,
  GeminiEventType,
  Kind,
  LlmRole,
  Scheduler,
  type ConfigParameters,
  type ContentGenerator as HostGenerator,
  type MessageBus,
  type ServerGeminiStreamEvent,
  type ToolCallRequestInfo,
  type ToolResult,
} from '@google/gemini-cli-core';
import { calculateRequestTokenCount } from '@google/gemini-cli-core/dist/src/utils/tokenCalculation.js';
import type { SamusEventMap, SamusEvents } from '@samus/kernel';
import { Type, type Part } from 'genai-1.30';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedPortUrl, startConnectionTracker, startUnavailableServer } from './loopback-servers.js';

/** What the host suite drives: a generator as a host gets it (from the host adapter) and the bus it reports on. */
export interface HostUnderTest {
  /** Typed as gemini-cli-core 0.61.0's own `ContentGenerator`: the wiring proves it assigns with no cast. */
  generator: HostGenerator & { close?: () => void };
  /** The kernel events of the generator (`request:start` tells the requested and the effective model). */
  events: SamusEvents;
}

export interface HostContractOptions {
  /** Shown in the suite title. */
  name: string;
  /** A reason to skip the whole suite (e.g. no Docker engine), or `false`. */
  skip?: string | false;
  /**
   * Builds the generator the host runs on, with the adapter's defaults (the host retries: `maxRetries` 0), the
   * configured model `models.chat` and embedding model `models.embedding`. `baseUrl` points it at another server
   * (a fault server or a connection tracker in front of the real one).
   */
  createHost(overrides?: { baseUrl?: string }): Promise<HostUnderTest>;
  /** The base URL of the real server, for the connection tracker. */
  baseUrl: string;
  models: {
    /** The configured model: answers main turns and every sub-call naming a hosted model. Must accept tools. */
    chat: string;
    /** A local embedding model, set as the host's `embeddingModel`. */
    embedding: string;
  };
  /** Why the configured model cannot be relied on to call a declared function (skips the tool turn), if it cannot. */
  noToolCalls?: string;
}

const SYSTEM_PROMPT = 'You are a helpful assistant with tools.\n';
const MAX_OUTPUT_TOKENS = 200;

class WeatherInvocation extends BaseToolInvocation<{ city: string }, ToolResult> {
  getDescription(): string {
    return `weather in ${this.params.city}`;
  }

  async execute(): Promise<ToolResult> {
    return { llmContent: `The weather in ${this.params.city} is sunny, 21 degrees Celsius.`, returnDisplay: 'sunny, 21 °C' };
  }
}

/** A read-only tool in the host's own registry, run by the host's own Scheduler. */
class WeatherTool extends BaseDeclarativeTool<{ city: string }, ToolResult> {
  constructor(messageBus: MessageBus) {
    super(
      'get_weather',
      'Weather',
      'Get the current weather for a city.',
      Kind.Read,
      { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
      messageBus,
    );
  }

  protected createInvocation(params: { city: string }, messageBus: MessageBus, toolName?: string, displayName?: string): WeatherInvocation {
    return new WeatherInvocation(params, messageBus, toolName, displayName);
  }
}

/** gemini-cli-core's `Config` reading our generator through its two public accessors (the adapter README's path). */
function localConfigClass(generator: HostGenerator): typeof Config {
  return class LocalConfig extends Config {
    #llm: BaseLlmClient | undefined;
    override getContentGenerator(): HostGenerator {
      return generator;
    }
    override getBaseLlmClient(): BaseLlmClient {
      return (this.#llm ??= new BaseLlmClient(generator, this));
    }
  };
}

interface StartedHost {
  config: Config;
  starts: SamusEventMap['request:start'][];
  close(): void;
}

async function startHost(host: HostUnderTest, dir: string, params: Partial<ConfigParameters>): Promise<StartedHost> {
  const LocalConfig = localConfigClass(host.generator);
  const model = params.model ?? DEFAULT_GEMINI_MODEL;
  const config = new LocalConfig({
    sessionId: `samus-host-${process.pid}-${Date.now()}`,
    targetDir: dir,
    cwd: dir,
    debugMode: false,
    interactive: false,
    approvalMode: ApprovalMode.YOLO,
    includeDirectoryTree: false,
    usageStatisticsEnabled: false,
    telemetry: { enabled: false },
    skipNextSpeakerCheck: true,
    // One built-in tool (removed again below) instead of the host's ~16.
    coreTools: ['read_file'],
    // The host's own model config: greedy decoding (its defaults are temperature 1, topP 0.95, topK 64) and bounded
    // answers for every call — every alias extends `base` — since a tiny model can ramble until the window is full.
    modelConfigServiceConfig: {
      customOverrides: [model, 'base'].map((name) => ({
        match: { model: name },
        modelConfig: { generateContentConfig: { temperature: 0, topP: 1, topK: 1, maxOutputTokens: MAX_OUTPUT_TOKENS } },
      })),
    },
    ...params,
    model,
  });
  await config.initialize();
  // No tools unless a test declares its own: a small model calls whatever is declared (activate_skill is always
  // declared besides coreTools).
  for (const name of ['activate_skill', 'read_file']) config.getToolRegistry().unregisterTool(name);
  const starts: SamusEventMap['request:start'][] = [];
  const off = host.events.on('request:start', (event) => starts.push(event));
  return { config, starts, close: () => off() };
}

async function drain(stream: AsyncGenerator<ServerGeminiStreamEvent, unknown>, onEvent?: (event: ServerGeminiStreamEvent) => void): Promise<ServerGeminiStreamEvent[]> {
  const events: ServerGeminiStreamEvent[] = [];
  for await (const event of stream) {
    events.push(event);
    onEvent?.(event);
  }
  return events;
}

function contentText(events: readonly ServerGeminiStreamEvent[]): string {
  return events.map((event) => (event.type === GeminiEventType.Content ? event.value : '')).join('');
}

function describeEvents(events: readonly ServerGeminiStreamEvent[]): string {
  return events.map((event) => (event.type === GeminiEventType.Content ? 'content' : `${event.type}:${JSON.stringify('value' in event ? event.value : null).slice(0, 200)}`)).join(' ');
}

function errorsOf(events: readonly ServerGeminiStreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === GeminiEventType.Error ? [JSON.stringify(event.value)] : []));
}

// A 1×1 PNG.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * The host suite: gemini-cli-core 0.61.0's own `Config`, `GeminiClient`, `GeminiChat`, `Turn`, `Scheduler`,
 * `BaseLlmClient`, `ModelRouterService`, chat compression and `retryWithBackoff` drive the generator under test.
 * The host's system prompt is replaced by a short one through its own `GEMINI_SYSTEM_MD` (its default is ~7k tokens
 * before tools, more than the test models' windows on two CPU cores).
 */
export function describeHostContract(options: HostContractOptions): void {
  const skip = options.skip === false ? undefined : options.skip;
  describe.skipIf(skip !== undefined)(`host gemini-cli-core 0.61.0: ${options.name}${skip === undefined ? '' : ` (skipped: ${skip})`}`, () => {
    let root: string;
    let dir: string;
    let host: HostUnderTest;
    const started: StartedHost[] = [];
    const start = async (params: Partial<ConfigParameters> = {}, under: HostUnderTest = host): Promise<StartedHost> => {
      const value = await startHost(under, dir, { embeddingModel: options.models.embedding, ...params });
      started.push(value);
      return value;
    };

    beforeAll(async () => {
      // The host puts today's date (toLocaleDateString) and its project temp directory into the first message: both
      // are fixed, so that greedy decoding gives the same answers every day. Timers and Date.now stay real.
      vi.spyOn(Date.prototype, 'toLocaleDateString').mockReturnValue('Monday, June 1, 2026');
      root = join(tmpdir(), `samus-host-${options.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
      rmSync(root, { recursive: true, force: true });
      dir = join(root, 'workspace');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(root, 'system.md'), SYSTEM_PROMPT);
      // The host's own settings: a short system prompt, and a home of its own (it writes chats and logs there).
      vi.stubEnv('GEMINI_SYSTEM_MD', join(root, 'system.md'));
      vi.stubEnv('GEMINI_CLI_HOME', join(root, 'home'));
      host = await options.createHost();
    });

    afterAll(() => {
      for (const value of started) value.close();
      host?.generator.close?.();
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('runs a plain streamed turn with Config.model left at the host default: the configured model answers', async () => {
      const { config, starts } = await start();
      const events = await drain(config.getGeminiClient().sendMessageStream([{ text: 'Say hello in one short sentence.' }], new AbortController().signal, 'host-plain'));
      expect(errorsOf(events)).toEqual([]);
      expect(contentText(events).trim().length, describeEvents(events)).toBeGreaterThan(0);
      expect(events.some((event) => event.type === GeminiEventType.Finished)).toBe(true);
      const main = starts.find((event) => event.role === LlmRole.MAIN);
      expect(main, JSON.stringify(starts)).toMatchObject({ requestedModel: DEFAULT_GEMINI_MODEL, model: options.models.chat, modelSource: 'configured' });
      const history = config.getGeminiClient().getHistory();
      expect(history.at(-1)?.role).toBe('model');
    });

    const noCalls = options.noToolCalls;
    it.skipIf(noCalls !== undefined)(
      `declares a tool, gets the functionCall, runs it through the host's Scheduler and answers from the functionResponse${noCalls ? ` (skipped: ${noCalls})` : ''}`,
      async () => {
        const { config } = await start();
        const registry = config.getToolRegistry();
        registry.registerTool(new WeatherTool(config.getMessageBus()));
        const client = config.getGeminiClient();
        await client.setTools();
        const scheduler = new Scheduler({ context: config, schedulerId: 'samus-host-suite', getPreferredEditor: () => undefined });
        try {
          const signal = new AbortController().signal;
          const first = await drain(client.sendMessageStream([{ text: 'What is the weather in Paris right now? Use the get_weather tool.' }], signal, 'host-tool'));
          expect(errorsOf(first)).toEqual([]);
          const requests = first.flatMap((event) => (event.type === GeminiEventType.ToolCallRequest ? [event.value as ToolCallRequestInfo] : []));
          expect(requests.map((request) => request.name), contentText(first)).toEqual(['get_weather']);
          expect(typeof requests[0]!.args.city).toBe('string');
          const completed = await scheduler.schedule(requests, signal);
          expect(completed.map((call) => call.status)).toEqual(['success']);
          const responseParts = completed.flatMap((call) => call.response.responseParts);
          expect(responseParts.some((part) => part.functionResponse?.name === 'get_weather')).toBe(true);
          const second = await drain(client.sendMessageStream(responseParts, signal, 'host-tool'));
          expect(errorsOf(second)).toEqual([]);
          expect(second.some((event) => event.type === GeminiEventType.ToolCallRequest)).toBe(false);
          expect(contentText(second).trim().length).toBeGreaterThan(0);
          const history = client.getHistory();
          expect(history.some((content) => content.parts?.some((part) => part.functionCall?.name === 'get_weather'))).toBe(true);
          expect(history.some((content) => content.parts?.some((part) => part.functionResponse?.name === 'get_weather'))).toBe(true);
        } finally {
          scheduler.dispose();
        }
      },
      120_000,
    );

    it('aborts a turn mid-stream: the host stops, the partial answer stays out of history, the connection is closed', async () => {
      const tracker = await startConnectionTracker(options.baseUrl);
      const tracked = await options.createHost({ baseUrl: tracker.url });
      try {
        const { config } = await start({}, tracked);
          const client = config.getGeminiClient();
        const before = client.getHistory().length;
        const controller = new AbortController();
        let contentEvents = 0;
        const events = await drain(client.sendMessageStream([{ text: 'Count from one to five hundred, one number per line, in words.' }], controller.signal, 'host-abort'), (event) => {
          if (event.type === GeminiEventType.Content && ++contentEvents === 3) controller.abort();
        });
        expect(contentEvents, describeEvents(events)).toBeGreaterThanOrEqual(3);
        expect(events.some((event) => event.type === GeminiEventType.Finished)).toBe(false);
        expect(errorsOf(events)).toEqual([]);
        const history = client.getHistory();
        expect(history.slice(before).some((content) => content.role === 'model' && content.parts?.some((part) => (part.text ?? '').length > 0))).toBe(false);
        await vi.waitFor(() => expect(tracker.open()).toBe(0), { timeout: 5_000, interval: 50 });
        expect(tracker.accepted()).toBeGreaterThan(0);
      } finally {
        tracked.generator.close?.();
        await tracker.close();
      }
    }, 60_000);

    it('counts tokens the way the host does for media: countTokens answers for text and an image, the image counts', async () => {
      const { config } = await start();
      const generator = config.getContentGenerator();
      const text: Part[] = [{ text: 'Describe this picture in one sentence.' }];
      const withImage: Part[] = [...text, { inlineData: { mimeType: 'image/png', data: PIXEL } }];
      const direct = await generator.countTokens({ model: DEFAULT_GEMINI_MODEL, contents: [{ role: 'user', parts: withImage }] });
      const textOnly = await generator.countTokens({ model: DEFAULT_GEMINI_MODEL, contents: [{ role: 'user', parts: text }] });
      expect(textOnly.totalTokens).toBeGreaterThan(0);
      expect(direct.totalTokens).toBeGreaterThan(textOnly.totalTokens!);
      // The host's own path (it calls countTokens exactly when media is present) must see the same number.
      expect(await calculateRequestTokenCount(withImage, generator, DEFAULT_GEMINI_MODEL)).toBe(direct.totalTokens);
    });

    it("embeds through BaseLlmClient.generateEmbedding with the host's embeddingModel", async () => {
      const { config } = await start();
      const vectors = await config.getBaseLlmClient().generateEmbedding(['the sky is blue', 'grass is green']);
      expect(vectors).toHaveLength(2);
      expect(vectors[0]!.length).toBeGreaterThan(8);
      expect(vectors[0]!.every((value) => Number.isFinite(value))).toBe(true);
    });

    it('answers BaseLlmClient.generateJson with a Type.OBJECT schema (upper-case Gemini types) naming a hosted model', async () => {
      const { config, starts } = await start();
      const result = await config.getBaseLlmClient().generateJson({
        modelConfigKey: { model: 'gemini-2.5-flash' },
        contents: [{ role: 'user', parts: [{ text: 'What colour is the sky on a clear day? Answer in JSON with the key "colour".' }] }],
        schema: { type: Type.OBJECT, properties: { colour: { type: Type.STRING, description: 'one word' } }, required: ['colour'] },
        abortSignal: new AbortController().signal,
        promptId: 'host-json',
        role: LlmRole.UTILITY_TOOL,
        maxAttempts: 1,
      });
      expect(typeof result.colour).toBe('string');
      expect(starts.at(-1)).toMatchObject({ requestedModel: 'gemini-2.5-flash', model: options.models.chat });
    });

    it('forces a chat compression: the sub-call naming a gemini-* model is answered by the configured model', async () => {
      const { config, starts } = await start();
      const client = config.getGeminiClient();
      const signal = new AbortController().signal;
      for (const text of ['My name is Ada. Please remember it.', 'I live in Paris. Please remember that too.']) {
        expect(errorsOf(await drain(client.sendMessageStream([{ text }], signal, 'host-compress')))).toEqual([]);
      }
      const before = starts.length;
      const info = await client.tryCompressChat('host-compress', true, signal);
      const compression = starts.slice(before).filter((event) => event.role === LlmRole.UTILITY_COMPRESSOR);
      expect(compression.length, `${JSON.stringify(info)} ${JSON.stringify(starts.slice(before))}`).toBeGreaterThan(0);
      for (const event of compression) {
        expect(event.requestedModel).toMatch(/^(gemini-|auto-|chat-compression)/);
        expect(event.model).toBe(options.models.chat);
      }
      expect(Object.values(CompressionStatus)).toContain(info.compressionStatus);
    }, 120_000);

    it("routes with the host's classifier (Config.model auto): the router's sub-call is answered by the configured model", async () => {
      const { config, starts } = await start({ model: DEFAULT_GEMINI_MODEL_AUTO });
      const decision = await config.getModelRouterService().route({
        history: [],
        request: [{ text: 'Rename the variable x to count in main.ts.' }],
        signal: new AbortController().signal,
        requestedModel: DEFAULT_GEMINI_MODEL_AUTO,
      });
      expect(typeof decision.model).toBe('string');
      const routed = starts.filter((event) => event.role === LlmRole.UTILITY_ROUTER);
      expect(routed.length, JSON.stringify(starts)).toBeGreaterThan(0);
      for (const event of routed) expect(event.model).toBe(options.models.chat);
    }, 60_000);

    describe("failures seen by the host's retryWithBackoff (maxAttempts 2)", () => {
      it('a 503 is retried by the host, one request per attempt, then shown with its status', async () => {
        const server = await startUnavailableServer();
        const failing = await options.createHost({ baseUrl: server.url });
        try {
          const { config, starts } = await start({ maxAttempts: 2 }, failing);
              const events = await drain(config.getGeminiClient().sendMessageStream([{ text: 'hello' }], new AbortController().signal, 'host-503'));
          const errors = errorsOf(events);
          expect(errors.length).toBe(1);
          expect(errors[0]).toMatch(/503|unavailable|overloaded/i);
          expect(starts.filter((event) => event.role === LlmRole.MAIN).length).toBe(2);
          expect(server.generations()).toBe(2);
        } finally {
          failing.generator.close?.();
          await server.close();
        }
      }, 60_000);

      it('a refused connection is retried by the host (ECONNREFUSED where it looks), once per attempt', async () => {
        const failing = await options.createHost({ baseUrl: await closedPortUrl() });
        try {
          const { config, starts } = await start({ maxAttempts: 2 }, failing);
              const events = await drain(config.getGeminiClient().sendMessageStream([{ text: 'hello' }], new AbortController().signal, 'host-refused'));
          const errors = errorsOf(events);
          expect(errors.length).toBe(1);
          expect(errors[0]).not.toMatch(/fetch failed/i);
          expect(starts.filter((event) => event.role === LlmRole.MAIN).length).toBe(2);
        } finally {
          failing.generator.close?.();
        }
      }, 60_000);
    });
  });
}
