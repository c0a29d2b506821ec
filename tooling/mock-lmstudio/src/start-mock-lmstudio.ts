import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { abortableSleep, MockAbortedError } from './abortable-sleep';
import { handleMessages, handleResponses, handleV1Chat } from './agent-api-handlers';
import { handleV1Download, handleV1DownloadStatus, handleV1Load, handleV1Unload } from './api-v1-model-handlers';
import { CapacityGate } from './capacity-gate';
import { handleChatCompletions } from './chat-completions-handler';
import { defaultMockModels } from './default-mock-models';
import { DownloadJobs } from './download-jobs';
import { handleEmbeddings } from './embeddings-handler';
import { unexpectedEndpointBody } from './error-bodies';
import { corsHeaders } from './express-headers';
import { versionBehaviour } from './lmstudio-version';
import { ModelCatalogue } from './model-catalogue';
import { handleOpenAIModels, handleV0Model, handleV0Models, handleV1Models } from './model-list-handlers';
import { MOCK_FAULT_HEADER, parseFaultHeader, type MockFaults } from './mock-faults';
import type { MockLMStudio, MockLMStudioOptions, RecordedRequest } from './mock-lmstudio';
import type { MockReplies, MockReply } from './mock-reply';
import type { MockServerState, RequestContext } from './request-context';
import { MockStreamEndedError, ResponseChannel } from './response-channel';
import { hashString, seededRandom } from './seeded-random';
import { handleTextCompletions } from './text-completions-handler';

/** Default emulated LM Studio version. */
export const DEFAULT_MOCK_LMSTUDIO_VERSION = '0.4.21';

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The LM Studio API token format (0.4.0+, [issue] observed tokens): `sk-lm-` + 8 alphanumerics + `:` + 20 alphanumerics. */
export const LM_STUDIO_TOKEN_FORMAT = /^sk-lm-[A-Za-z0-9]{8}:[A-Za-z0-9]{20}$/;

/** What the server makes of the presented credentials: `ok`, or which 401 it answers. */
export type TokenVerdict = 'ok' | 'missing' | 'malformed' | 'invalid';

/**
 * Checks `Authorization: Bearer <token>` (or `x-api-key` on `/v1/messages`, api-facts 3.1) against the configured
 * token. Equal → `ok` (also for a configured token that does not follow the real format, so tests may use any
 * string); absent → `missing`; not of the `sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX` form → `malformed` (0.4.0+ servers
 * check the format first); otherwise `invalid`.
 */
export function checkToken(authorization: string | undefined, apiKey: string | undefined, token: string, formatChecked: boolean): TokenVerdict {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  const given = match?.[1]?.trim() ?? apiKey?.trim();
  if (!given) return 'missing';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length === b.length && timingSafeEqual(a, b)) return 'ok';
  if (formatChecked && !LM_STUDIO_TOKEN_FORMAT.test(given)) return 'malformed';
  return 'invalid';
}

/**
 * 401 messages. `missing`: [issue] verbatim from a 0.4.18 server log (opencode-lmstudio #41). `malformed`: [issue] the
 * server's "Malformed LM Studio API token" answer (the rest of the sentence is [inferred]). `invalid`: [inferred].
 */
export const TOKEN_MESSAGES: Readonly<Record<Exclude<TokenVerdict, 'ok'>, string>> = {
  missing:
    "An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the 'Bearer' scheme (i.e., 'Authorization: Bearer $LM_API_TOKEN'). Learn more at: https://lmstudio.ai/docs/developer/core/authentication.",
  malformed:
    'Malformed LM Studio API token provided. Tokens have the form sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX. Learn more at: https://lmstudio.ai/docs/developer/core/authentication.',
  invalid: 'The provided LM Studio API token is invalid or has been revoked. Learn more at: https://lmstudio.ai/docs/developer/core/authentication.',
};

async function route(context: RequestContext): Promise<void> {
  const { behaviour } = context.state;
  const method = context.method === 'HEAD' ? 'GET' : context.method;
  // [inferred] Express's default routing: case-insensitive, optional trailing slash.
  const raw = context.path.length > 1 ? context.path.replace(/\/+$/, '') : context.path;
  const path = raw.toLowerCase();
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /lmstudio-greeting':
      return context.channel.json(200, { lmstudio: true });
    case 'GET /v1/models':
      return handleOpenAIModels(context);
    case 'POST /v1/chat/completions':
      return handleChatCompletions(context, false);
    case 'POST /v1/completions':
      return handleTextCompletions(context, false);
    case 'POST /v1/embeddings':
      return handleEmbeddings(context);
  }
  if (behaviour.hasResponsesApi && key === 'POST /v1/responses') return handleResponses(context);
  if (behaviour.hasMessagesApi && key === 'POST /v1/messages') return handleMessages(context);
  if (behaviour.hasApiV1 && key === 'POST /api/v1/chat') return handleV1Chat(context);
  if (behaviour.hasApiV0) {
    switch (key) {
      case 'GET /api/v0/models':
        return handleV0Models(context);
      case 'POST /api/v0/chat/completions':
        return handleChatCompletions(context, true);
      case 'POST /api/v0/completions':
        return handleTextCompletions(context, true);
      case 'POST /api/v0/embeddings':
        return handleEmbeddings(context);
    }
    if (method === 'GET' && path.startsWith('/api/v0/models/')) {
      return handleV0Model(context, decodeURIComponent(raw.slice('/api/v0/models/'.length)));
    }
  }
  if (behaviour.hasApiV1) {
    switch (key) {
      case 'GET /api/v1/models':
        return handleV1Models(context);
      case 'POST /api/v1/models/load':
        return handleV1Load(context);
      case 'POST /api/v1/models/unload':
        return handleV1Unload(context);
      case 'POST /api/v1/models/download':
        return handleV1Download(context);
      case 'GET /api/v1/models/download/status':
        return handleV1DownloadStatus(context, undefined);
    }
    if (method === 'GET' && path.startsWith('/api/v1/models/download/status/')) {
      return handleV1DownloadStatus(context, decodeURIComponent(raw.slice('/api/v1/models/download/status/'.length)));
    }
  }
  // api-facts 3.1: unknown path or method → HTTP 200 with an error body.
  return context.channel.json(200, unexpectedEndpointBody(context.method, context.path));
}

/**
 * Starts a mock LM Studio server (real `node:http`, loopback by default) that follows `docs/api-facts.md` section 3:
 * OpenAI-compatible `/v1`, native `/api/v0` and `/api/v1`, `/lmstudio-greeting`, JIT loading with a load delay,
 * idle TTL, auto-evict, both error-body shapes, API-token mode, deterministic generation and fault injection.
 *
 * @example
 * const lms = await startMockLMStudio({ loadDelayMs: 200 });
 * const res = await fetch(`${lms.url}/v1/models`);
 * await lms.close();
 */
export async function startMockLMStudio(options: MockLMStudioOptions = {}): Promise<MockLMStudio> {
  const closing = new AbortController();
  const behaviour = versionBehaviour(options.version ?? DEFAULT_MOCK_LMSTUDIO_VERSION);
  const catalogue = new ModelCatalogue(options.models ?? defaultMockModels, {
    jit: options.jit ?? true,
    autoEvict: options.autoEvict ?? true,
    loadDelayMs: options.loadDelayMs ?? 0,
    ttlDefaultSec: options.ttlDefaultSec ?? 3600,
    failingLoads: options.failingLoads ?? [],
    signal: closing.signal,
  });
  const downloads = new DownloadJobs(options.downloadDurationMs ?? 2000, options.failingDownloads ?? [], (model) => catalogue.add(model));
  const requests: RecordedRequest[] = [];
  let active = 0;
  let serverFaults: MockFaults | undefined = options.faults;
  let faultUses = 0;
  let replies: MockReplies | undefined = options.replies;
  let replyQueue: MockReply[] = Array.isArray(replies) ? [...(replies as readonly MockReply[])] : [];
  const seed = options.seed ?? 0;
  const jitter = seededRandom(hashString('token-jitter', seed));

  const state: MockServerState = {
    catalogue,
    behaviour,
    downloads,
    downloadableModels: options.downloadableModels ?? [],
    seed,
    duplicateLoadedRows: options.duplicateLoadedRows ?? false,
    reasoningField: options.reasoningField ?? 'reasoning_content',
    jit: options.jit ?? true,
    errorShape: options.errorShape,
    capacity: options.capacity ? new CapacityGate(options.capacity) : undefined,
    contextOverflow: options.contextOverflow,
    answerWithLoadedModel: options.answerWithLoadedModel ?? false,
    nextReply(context) {
      if (typeof replies === 'function') return replies(context);
      return replyQueue.shift();
    },
  };

  const activeFaults = (path: string, header: string | undefined): MockFaults => {
    let faults: MockFaults = {};
    const server = serverFaults;
    if (server && (!server.paths || server.paths.some((prefix) => path.startsWith(prefix)))) {
      faults = { ...server };
      faultUses++;
      if (server.times !== undefined && faultUses >= server.times) serverFaults = undefined;
    }
    if (header !== undefined) faults = { ...faults, ...parseFaultHeader(header) };
    return faults;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = performance.now();
    const clientGone = new AbortController();
    res.on('close', () => clientGone.abort());
    const signal = AbortSignal.any([clientGone.signal, closing.signal]);
    const extraHeaders = options.cors ? corsHeaders() : [];
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let bodyError: string | undefined;
      if (rawBody.trim() !== '') {
        try {
          body = JSON.parse(rawBody);
        } catch (error) {
          bodyError = error instanceof Error ? error.message : String(error);
        }
      }
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      const headers = headerRecord(req);
      if (options.recordRequests !== false) requests.push({ method, path: `${url.pathname}${url.search}`, headers, body, rawBody, receivedAt: Date.now() });
      downloads.settle();

      let faults: MockFaults;
      try {
        faults = activeFaults(url.pathname, headers[MOCK_FAULT_HEADER]);
      } catch (error) {
        const channel = new ResponseChannel(res, {}, signal, extraHeaders, 0, jitter);
        await channel.json(400, { error: error instanceof Error ? error.message : String(error) });
        return;
      }
      const channel = new ResponseChannel(res, faults, signal, extraHeaders, options.tokenDelayMs ?? 0, jitter);
      const context: RequestContext = { method, path: url.pathname, body, bodyError, channel, state, startedAt, signal };

      if (faults.latencyMs !== undefined) await abortableSleep(faults.latencyMs, signal);
      if (faults.status !== undefined) {
        // [inferred] body of a 5xx: LM Studio's own 5xx bodies are not documented; the mock uses the string shape.
        if (faults.statusBody !== undefined) {
          const type = faults.statusBody.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
          await channel.raw(faults.status, type, faults.statusBody);
        } else {
          await channel.json(faults.status, { error: `Injected fault: HTTP ${faults.status}` });
        }
        return;
      }
      if (options.cors && method === 'OPTIONS') {
        // [inferred] preflight answer with CORS on (api-facts: header values undocumented).
        for (const [name, value] of extraHeaders) res.setHeader(name, value);
        res.setHeader('X-Powered-By', 'Express');
        res.writeHead(204).end();
        return;
      }
      if (options.apiToken !== undefined && url.pathname !== '/lmstudio-greeting') {
        // api-facts 3.1: 401 with type/code/message; /v1/messages also takes `x-api-key`. [inferred] that
        // /lmstudio-greeting stays open (clients probe it before they know a token is needed).
        const apiKey = url.pathname.toLowerCase().startsWith('/v1/messages') ? headers['x-api-key'] : undefined;
        const verdict = checkToken(headers.authorization, apiKey, options.apiToken, behaviour.apiTokens);
        if (verdict !== 'ok') {
          await channel.json(401, { error: { type: 'invalid_request', code: 'invalid_api_key', message: TOKEN_MESSAGES[verdict] } });
          return;
        }
      }
      await route(context);
    } catch (error) {
      if (error instanceof MockAbortedError || error instanceof MockStreamEndedError || signal.aborted) {
        if (!res.writableEnded) res.destroy();
        return;
      }
      if (!res.headersSent) {
        const text = JSON.stringify({ error: `Mock internal error: ${error instanceof Error ? error.message : String(error)}` });
        res.writeHead(500, { 'X-Powered-By': 'Express', 'Content-Type': 'application/json; charset=utf-8' }).end(text);
      } else {
        res.destroy();
      }
    }
  };

  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    active++;
    const done = handle(req, res).finally(() => {
      active--;
      inFlight.delete(done);
    });
    inFlight.add(done);
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    get requests() {
      return requests;
    },
    clearRequests() {
      requests.length = 0;
    },
    activeRequests: () => active,
    capacityLoad: () => (state.capacity ? { ...state.capacity.load(), maxQueued: state.capacity.maxQueued } : undefined),
    setFaults(faults) {
      serverFaults = faults;
      faultUses = 0;
    },
    models: () => catalogue.list(),
    model: (id) => catalogue.list().find((model) => model.id === id),
    setModels: (models) => catalogue.replace(models),
    loadModel(id, loadOptions = {}) {
      const found = catalogue.find(id);
      if (!found) throw new Error(`mock-lmstudio: no model "${id}" in the catalogue`);
      void catalogue
        .load(found.id, {
          jit: loadOptions.jit ?? false,
          instant: true,
          ...(loadOptions.ttlSec === undefined ? {} : { ttlSec: loadOptions.ttlSec }),
          ...(loadOptions.contextLength === undefined ? {} : { contextLength: loadOptions.contextLength }),
        })
        .catch(() => undefined);
    },
    unloadModel: (id) => catalogue.unload(id),
    setJit(enabled) {
      state.jit = enabled;
    },
    setReplies(next) {
      replies = next;
      replyQueue = Array.isArray(next) ? [...(next as readonly MockReply[])] : [];
    },
    close() {
      closed ??= (async () => {
        closing.abort();
        catalogue.dispose();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.allSettled([...inFlight]);
        await stopped;
        catalogue.dispose();
      })();
      return closed;
    },
  };
}
