import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OllamaChatChunk, OllamaChatRequest } from '../ollama-wire.js';

/** A model the fake server has. */
export interface FakeModel {
  name: string;
  capabilities: string[];
  contextLength?: number;
  numCtx?: number;
  family?: string;
  /** Extra `/api/show` `model_info` keys (e.g. `gemma3.mm.tokens_per_image`). */
  modelInfo?: Record<string, unknown>;
  /** `/api/show` `projector_info` (CLIP-style vision models). */
  projectorInfo?: Record<string, unknown>;
}

/** One step of a scripted stream: a value written as one NDJSON line, or a pause. */
export type FakeStep = Record<string, unknown> | { delayMs: number };

/** Options of {@link startFakeOllama}. */
export interface FakeOllamaOptions {
  version?: string;
  models?: FakeModel[];
  /** Loaded models (names) for `/api/ps`, with their context length. */
  loaded?: Record<string, number>;
  /** The chat stream for a request (default: "Hello world" in two pieces, then a done line). */
  chat?: (request: OllamaChatRequest) => FakeStep[];
  /** The pull stream for a request. */
  pull?: (request: { model: string; insecure?: boolean }) => FakeStep[];
  /** Replaces every answer: status, content type and body (for error-shape tests). */
  override?: (request: IncomingMessage, body: unknown) => { status: number; body: string; contentType?: string } | undefined;
}

/** A recorded request. */
export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

/** A running fake Ollama. */
export interface FakeOllama {
  url: string;
  requests: FakeRequest[];
  /** Chat streams still being written (the client has not disconnected). */
  openStreams: () => number;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_MODELS: FakeModel[] = [
  { name: 'gemma3:270m', capabilities: ['completion'], contextLength: 32_768, numCtx: 4096, family: 'gemma3' },
  { name: 'smollm2:135m', capabilities: ['completion', 'tools'], contextLength: 8192, family: 'llama' },
  { name: 'llama3:latest', capabilities: ['completion', 'tools'], contextLength: 8192, family: 'llama' },
  { name: 'all-minilm:l6-v2', capabilities: ['embedding'], contextLength: 512, family: 'bert' },
];

function canonical(name: string): string {
  const lower = name.toLowerCase();
  return lower.slice(lower.lastIndexOf('/') + 1).includes(':') ? lower : `${lower}:latest`;
}

/** Default chat script: two text pieces and a final line with metrics. */
export function helloScript(request: OllamaChatRequest, words: string[] = ['Hello', ' world']): FakeStep[] {
  const model = request.model;
  const limit = typeof request.options?.num_predict === 'number' && request.options.num_predict > 0 ? request.options.num_predict : Infinity;
  const pieces = words.slice(0, limit);
  return [
    ...pieces.map((content) => ({ model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done: false })),
    {
      model,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: pieces.length < words.length ? 'length' : 'stop',
      total_duration: 500_000_000,
      load_duration: 100_000_000,
      prompt_eval_count: 12,
      prompt_eval_duration: 50_000_000,
      eval_count: pieces.length,
      eval_duration: 200_000_000,
    } satisfies OllamaChatChunk,
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const JSON_SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

/** Every `type` in a schema (nested ones too) is a JSON Schema type name, as llama.cpp's schema-to-grammar requires. */
function jsonSchemaTypesValid(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every((item) => jsonSchemaTypesValid(item));
  if (typeof schema !== 'object' || schema === null) return true;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    if ((key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') && typeof value === 'object' && value !== null) {
      if (!Object.values(value).every((inner) => jsonSchemaTypesValid(inner))) return false;
    } else if (key === 'type') {
      const names = Array.isArray(value) ? value : [value];
      if (!names.every((name) => typeof name === 'string' && JSON_SCHEMA_TYPES.has(name))) return false;
    } else if (!jsonSchemaTypesValid(value)) return false;
  }
  return true;
}

/** Starts an in-process HTTP server on 127.0.0.1 that speaks Ollama v0.11.4's native wire format (see api-facts). */
export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const models = options.models ?? DEFAULT_FAKE_MODELS;
  const requests: FakeRequest[] = [];
  let open = 0;
  const find = (name: unknown) => (typeof name === 'string' ? models.find((model) => canonical(model.name) === canonical(name)) : undefined);
  const json = (response: ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(value));
  };
  const stream = async (request: IncomingMessage, response: ServerResponse, steps: FakeStep[]) => {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    open += 1;
    let closed = false;
    let wake: () => void = () => undefined;
    const closing = new Promise<void>((resolve) => {
      wake = resolve;
    });
    response.on('close', () => {
      closed = true;
      wake();
    });
    try {
      for (const step of steps) {
        if (closed) return;
        if ('delayMs' in step && typeof step.delayMs === 'number') await Promise.race([sleep(step.delayMs), closing]);
        else response.write(`${JSON.stringify(step)}\n`);
      }
      response.end();
    } finally {
      open -= 1;
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        json(response, 400, { error: `invalid character '${text[0]}' looking for beginning of value` });
        return;
      }
      const path = (request.url ?? '/').split('?')[0]!;
      requests.push({ method: request.method ?? 'GET', path, body });
      const override = options.override?.(request, body);
      if (override) {
        response.writeHead(override.status, { 'content-type': override.contentType ?? 'application/json; charset=utf-8' });
        response.end(override.body);
        return;
      }
      const route = `${request.method} ${path}`;
      const input = (body ?? {}) as Record<string, unknown>;
      switch (route) {
        case 'GET /':
        case 'HEAD /':
          response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          response.end('Ollama is running');
          return;
        case 'GET /api/version':
          json(response, 200, { version: options.version ?? '0.11.4' });
          return;
        case 'GET /api/tags':
          json(response, 200, {
            models: models.map((model) => ({
              name: model.name,
              model: model.name,
              modified_at: '2025-08-08T10:00:00Z',
              size: 1000,
              digest: `digest-${model.name}`,
              details: { format: 'gguf', family: model.family ?? 'llama', families: null, parameter_size: '1B', quantization_level: 'Q4_K_M' },
            })),
          });
          return;
        case 'GET /api/ps':
          json(response, 200, {
            models: Object.entries(options.loaded ?? {}).map(([name, context]) => ({ name, model: name, size: 1, digest: `digest-${name}`, expires_at: '2030-01-01T00:00:00Z', size_vram: 0, context_length: context })),
          });
          return;
        case 'POST /api/show': {
          const model = find(input.model);
          if (!model) return json(response, 404, { error: `model '${String(input.model)}' not found` });
          const family = model.family ?? 'llama';
          json(response, 200, {
            parameters: model.numCtx ? `num_ctx                        ${model.numCtx}` : '',
            details: { format: 'gguf', family, parameter_size: '1B', quantization_level: 'Q4_K_M' },
            model_info: { 'general.architecture': family, [`${family}.context_length`]: model.contextLength ?? 2048, ...model.modelInfo },
            ...(model.projectorInfo === undefined ? {} : { projector_info: model.projectorInfo }),
            capabilities: model.capabilities,
          });
          return;
        }
        case 'DELETE /api/delete': {
          if (!find(input.model)) return json(response, 404, { error: `model '${String(input.model)}' not found` });
          response.writeHead(200);
          response.end();
          return;
        }
        case 'POST /api/pull':
          void stream(request, response, options.pull?.(input as { model: string }) ?? [{ status: 'pulling manifest' }, { status: 'success' }]);
          return;
        case 'POST /api/embed': {
          const model = find(input.model);
          if (!model) return json(response, 404, { error: `model "${String(input.model)}" not found, try pulling it first` });
          const inputs = Array.isArray(input.input) ? input.input : [input.input];
          if (input.truncate === false && inputs.some((value) => typeof value === 'string' && value.length > 2000)) {
            return json(response, 400, { error: 'input length exceeds maximum context length' });
          }
          json(response, 200, {
            model: input.model,
            embeddings: inputs.map((value) => {
              const textValue = String(value);
              return [textValue.length / 100, (textValue.charCodeAt(0) || 0) / 200, 0.5];
            }),
            total_duration: 1_000_000,
            load_duration: 100,
            prompt_eval_count: inputs.length * 3,
          });
          return;
        }
        case 'POST /api/chat': {
          const chat = input as unknown as OllamaChatRequest;
          if (!chat.model) return json(response, 400, { error: 'model is required' });
          const model = find(chat.model);
          if (!model) return json(response, 404, { error: `model "${chat.model}" not found, try pulling it first` });
          if (typeof chat.keep_alive === 'string' && chat.keep_alive !== '0' && !/^[-\d.]+(ns|us|ms|s|m|h)/.test(chat.keep_alive)) {
            return json(response, 400, { error: `time: missing unit in duration "${chat.keep_alive}"` });
          }
          if (!model.capabilities.includes('completion')) return json(response, 400, { error: `"${model.name}" does not support chat` });
          if (chat.tools?.length && !model.capabilities.includes('tools')) {
            return json(response, 400, { error: `registry.ollama.ai/library/${model.name} does not support tools` });
          }
          if ((chat.think === true || typeof chat.think === 'string') && !model.capabilities.includes('thinking')) {
            return json(response, 400, { error: `registry.ollama.ai/library/${model.name} does not support thinking` });
          }
          // Ollama turns `format` into a grammar; a type name it does not know (Gemini's upper-case OBJECT) fails.
          if (typeof chat.format === 'object' && chat.format !== null && !jsonSchemaTypesValid(chat.format)) {
            return json(response, 400, { error: 'invalid JSON schema in format' });
          }
          if (!chat.messages?.length) {
            return json(response, 200, { model: chat.model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, done_reason: chat.keep_alive === 0 ? 'unload' : 'load', done: true });
          }
          const steps = options.chat?.(chat) ?? helloScript(chat);
          if (chat.stream === false) {
            const lines = steps.filter((step): step is OllamaChatChunk & Record<string, unknown> => !('delayMs' in step));
            const error = lines.find((line) => typeof line.error === 'string');
            if (error) return json(response, 500, { error: error.error });
            const last = lines.at(-1)!;
            const content = lines.map((line) => line.message?.content ?? '').join('');
            const thinking = lines.map((line) => line.message?.thinking ?? '').join('');
            const toolCalls = lines.flatMap((line) => line.message?.tool_calls ?? []);
            return json(response, 200, {
              ...last,
              message: { role: 'assistant', content, ...(thinking ? { thinking } : {}), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
            });
          }
          void stream(request, response, steps);
          return;
        }
        case 'POST /v1/chat/completions': {
          const chat = input as { model?: string; stream?: boolean; messages?: unknown[] };
          const model = find(chat.model);
          if (!model) {
            return json(response, 404, { error: { message: `model "${String(chat.model)}" not found, try pulling it first`, type: 'api_error', param: null, code: null } });
          }
          const base = { id: 'chatcmpl-1', created: 1, model: chat.model, system_fingerprint: 'fp_ollama' };
          if (chat.stream) {
            response.writeHead(200, { 'content-type': 'text/event-stream' });
            for (const content of ['Hello', ' world']) {
              response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] })}\n\n`);
            }
            response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }] })}\n\n`);
            response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 } })}\n\n`);
            response.end('data: [DONE]\n\n');
            return;
          }
          return json(response, 200, {
            ...base,
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 },
          });
        }
        default:
          response.writeHead(404, { 'content-type': 'text/plain' });
          response.end('404 page not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openStreams: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
