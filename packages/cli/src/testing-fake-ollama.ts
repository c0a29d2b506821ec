import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One model of the {@link FakeOllama}. */
export interface FakeOllamaModel {
  name: string;
  /** `/api/show` capabilities; default `['completion']`. */
  capabilities?: string[];
  /** Trained context length (`<arch>.context_length`). */
  contextLength?: number;
  /** A Modelfile `num_ctx` parameter. */
  numCtx?: number;
  size?: number;
  family?: string;
}

/** A fake Ollama (wire shapes of api-facts §1) serving the admin API on 127.0.0.1, for CLI tests. */
export interface FakeOllama {
  url: string;
  models: FakeOllamaModel[];
  /** Loaded models and their context length. */
  loaded: Map<string, number>;
  /** `METHOD path body` of every request. */
  requests: { method: string; path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** A stable, per-name fake digest (the client caches `/api/show` by digest). */
function digestOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `sha256:${hash.toString(16).padStart(8, '0').repeat(8)}`;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * Starts the fake: `GET /`, `/api/version`, `/api/tags`, `POST /api/show`, `GET /api/ps`, `DELETE /api/delete`,
 * `POST /api/chat` without messages (load; `keep_alive: 0` unloads) or with messages (a one-line NDJSON answer).
 */
export async function startFakeOllama(models: FakeOllamaModel[]): Promise<FakeOllama> {
  const state = { models: [...models], loaded: new Map<string, number>(), requests: [] as FakeOllama['requests'] };
  const find = (name: unknown) => state.models.find((model) => model.name === name || model.name === `${String(name)}:latest`);
  const notFound = (response: ServerResponse, name: unknown) => json(response, 404, { error: `model '${String(name)}' not found` });
  const server = createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? '/').split('?')[0]!;
      const body = request.method === 'GET' ? {} : await readJson(request);
      state.requests.push({ method: request.method ?? 'GET', path, body });
      const route = `${request.method} ${path}`;
      if (route === 'GET /') return response.writeHead(200, { 'content-type': 'text/plain' }).end('Ollama is running');
      if (route === 'GET /api/version') return json(response, 200, { version: '0.11.4' });
      if (route === 'GET /api/tags') {
        return json(response, 200, {
          models: state.models.map((model) => ({ name: model.name, model: model.name, size: model.size ?? 291_000_000, digest: digestOf(model.name), details: { family: model.family ?? 'gemma3', parameter_size: '268M', quantization_level: 'Q4_K_M' } })),
        });
      }
      if (route === 'POST /api/show') {
        const model = find(body.model);
        if (!model) return notFound(response, body.model);
        return json(response, 200, {
          parameters: model.numCtx === undefined ? 'stop "<end_of_turn>"' : `num_ctx ${model.numCtx}`,
          details: { family: model.family ?? 'gemma3', parameter_size: '268M', quantization_level: 'Q4_K_M' },
          model_info: { 'general.architecture': 'gemma3', ...(model.contextLength === undefined ? {} : { 'gemma3.context_length': model.contextLength }) },
          capabilities: model.capabilities ?? ['completion'],
        });
      }
      if (route === 'GET /api/ps') {
        return json(response, 200, {
          models: [...state.loaded].map(([name, context]) => ({ name, model: name, size: 300_000_000, size_vram: 0, expires_at: new Date(Date.now() + 4 * 60_000).toISOString(), context_length: context })),
        });
      }
      if (route === 'DELETE /api/delete') {
        const model = find(body.model);
        if (!model) return notFound(response, body.model);
        state.models.splice(state.models.indexOf(model), 1);
        state.loaded.delete(model.name);
        return response.writeHead(200).end();
      }
      if (route === 'POST /api/chat') {
        const model = find(body.model);
        if (!model) return notFound(response, body.model);
        const messages = (body.messages as unknown[] | undefined) ?? [];
        if (messages.length === 0) {
          if (body.keep_alive === 0) state.loaded.delete(model.name);
          else state.loaded.set(model.name, Number((body.options as { num_ctx?: number } | undefined)?.num_ctx ?? model.numCtx ?? 4096));
          return json(response, 200, { model: model.name, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, done: true, done_reason: body.keep_alive === 0 ? 'unload' : 'load' });
        }
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.write(`${JSON.stringify({ model: model.name, message: { role: 'assistant', content: 'Hi from Ollama.' }, done: false })}\n`);
        return response.end(`${JSON.stringify({ model: model.name, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 4, eval_duration: 40_000_000, prompt_eval_count: 3 })}\n`);
      }
      if (route === 'GET /v1/models') return json(response, 200, { object: 'list', data: state.models.map((model) => ({ id: model.name, object: 'model', owned_by: 'library' })) });
      response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
