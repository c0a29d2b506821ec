import { SamusError, type ErrorCode } from '@samus/kernel';
import { apiLabel, OPENAI_COMPATIBLE_PROFILE, pointAtServerHint, serverLabel, type ServerAnswer, type ServerErrorBody, type ServerProfile } from './server-profile.js';

/** A failed answer as the transport saw it. */
export interface FailedAnswer {
  /** HTTP status; `undefined` for an error object inside a 200 stream. */
  status: number | undefined;
  /** The body text (or, for an error inside a stream, the parsed error object). */
  body: unknown;
  url: string;
  /** Server address shown to the person. */
  baseUrl: string;
  /** `POST /v1/chat/completions`. */
  endpoint: string;
  model?: string | undefined;
  /** Whether a credential was sent (changes the 401 hint). */
  credentialSent?: boolean;
  /** `Content-Type` of the answer. */
  contentType?: string | undefined;
  /** The `Location` of a redirect. */
  location?: string | undefined;
}

const CONTEXT_OVERFLOW = /context (length|window|size)|maximum context|too many tokens|exceeds? the (model'?s? )?(context|maximum)|prompt is too long|context.{0,20}overflow|tokens to keep|n_keep|n_ctx/i;
const CAPABILITY = /does not support (tools|thinking|images|vision|embeddings|chat|generate|insert)|not support(ed)? .{0,20}(tool|function calling)|is not an embedding model|cannot be used for embeddings/i;
const MEMORY = /(out of|insufficient|not enough) (system |device |cuda |gpu )?memory|requires more system memory|failed to allocate|cudaMalloc|\bOOM\b/i;
const MODEL_NOT_FOUND = /model .{0,120}not (be )?found|no such model|unknown model|invalid model identifier|model_not_found|model ['"].*['"] does not exist|pull(ing)? it first/i;
const MODEL_NOT_LOADED = /no models? (is |are )?loaded|model (is )?not loaded|please load a model/i;
const WRONG_ENDPOINT = /unexpected endpoint|404 page not found|cannot (post|get) |not found: (post|get)|no route|unknown (path|route|endpoint)/i;
const HTML = /^\s*<(!doctype|html|head|body)/i;

/** The human-readable message of an OpenAI-style error body (`{"error":"..."}` or `{"error":{"message":"..."}}`). */
export function errorBodyMessage(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (error === null || typeof error !== 'object') return undefined;
  const record = error as { message?: unknown; error?: unknown; detail?: unknown };
  if (typeof record.message === 'string') return record.message;
  if (typeof record.error === 'string') return record.error;
  if (record.error && typeof record.error === 'object') return errorBodyMessage(record.error);
  if (typeof record.detail === 'string') return record.detail;
  return undefined;
}

/** Reads the OpenAI error shapes: `{"error":"text"}`, `{"error":{"message","type","code","param"}}`, `{"message"}`, `{"detail"}`. */
export function parseErrorBody(body: unknown): ServerErrorBody | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const inner = record['error'] ?? (typeof record['message'] === 'string' || typeof record['detail'] === 'string' ? record : undefined);
  if (inner === undefined || inner === null) return undefined;
  if (typeof inner === 'string') return { message: inner };
  if (typeof inner !== 'object') return { message: String(inner as number) };
  const fields = inner as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const parsed: ServerErrorBody = { message: errorBodyMessage(inner) ?? JSON.stringify(inner) };
  const type = text(fields['type']);
  const code = text(fields['code']);
  const param = text(fields['param']);
  if (type) parsed.type = type;
  if (code) parsed.code = code;
  if (param) parsed.param = param;
  return parsed;
}

/**
 * Classifies a server's error message by what it says: context overflow, missing capability, memory, model not
 * found / not loaded, wrong endpoint. Returns `undefined` when the message matches none of these.
 */
export function classifyErrorMessage(message: string): 'SAMUS_ERR_CONTEXT_OVERFLOW' | 'SAMUS_ERR_CAPABILITY_MISSING' | 'SAMUS_ERR_INSUFFICIENT_MEMORY' | 'SAMUS_ERR_MODEL_NOT_FOUND' | 'SAMUS_ERR_MODEL_NOT_LOADED' | 'SAMUS_ERR_WRONG_BASE_URL' | undefined {
  if (WRONG_ENDPOINT.test(message)) return 'SAMUS_ERR_WRONG_BASE_URL';
  if (MODEL_NOT_LOADED.test(message)) return 'SAMUS_ERR_MODEL_NOT_LOADED';
  if (MODEL_NOT_FOUND.test(message)) return 'SAMUS_ERR_MODEL_NOT_FOUND';
  if (CONTEXT_OVERFLOW.test(message)) return 'SAMUS_ERR_CONTEXT_OVERFLOW';
  if (CAPABILITY.test(message)) return 'SAMUS_ERR_CAPABILITY_MISSING';
  if (MEMORY.test(message)) return 'SAMUS_ERR_INSUFFICIENT_MEMORY';
  return undefined;
}

function parseJson(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function quote(message: string): string {
  return JSON.stringify(message.length > 300 ? `${message.slice(0, 300)}…` : message);
}

/**
 * The one classifier of failed answers, for every HTTP path of every package. The same rules for every server, in
 * this order:
 *
 * 1. not this API at all: a redirect, an HTML page, a plain-text 404 / 405, "unexpected endpoint" → `WRONG_BASE_URL`;
 * 2. what only this server says (the profile's `explainAnswer`, with its own hints);
 * 3. 401 / 403 → `UNAUTHORIZED`; 429 → `RATE_LIMITED`;
 * 4. what the message says (model not found / not loaded, context overflow, capability, memory);
 * 5. the status: 404 → `WRONG_BASE_URL`; 400 / 422 / other 4xx → `INVALID_REQUEST`; 409, 5xx → `SERVER_ERROR`
 *    (retryable); an error inside a 200 answer or stream → `SERVER_ERROR`; anything else → `INVALID_RESPONSE`.
 *
 * Every error from an HTTP answer carries its status as `status` (what hosts such as gemini-cli read to decide on
 * retries) and the server's message as `details.serverMessage`.
 */
export function classifyAnswer(answer: FailedAnswer, profile: ServerProfile = OPENAI_COMPATIBLE_PROFILE): SamusError {
  const { status, url, baseUrl, endpoint, model } = answer;
  const text = typeof answer.body === 'string' ? answer.body : undefined;
  const json = text === undefined ? answer.body : parseJson(text);
  const parsed = (profile.parseErrorBody ?? parseErrorBody)(json ?? text);
  const message = parsed?.message ?? (text?.trim() ? text.trim().slice(0, 2000) : `HTTP ${status ?? '?'}`);
  const details: Record<string, unknown> = {
    provider: profile.provider,
    ...(model === undefined ? {} : { model }),
    baseUrl,
    url,
    endpoint,
    ...(status === undefined ? {} : { status }),
    serverMessage: message.slice(0, 2000),
    ...(parsed?.type ? { serverType: parsed.type } : {}),
    ...(parsed?.code ? { serverCode: parsed.code } : {}),
    ...(parsed?.param ? { param: parsed.param } : {}),
  };
  const make = (code: ErrorCode, text: string, extra: { hint?: string; retryable?: boolean; details?: Record<string, unknown> } = {}): SamusError =>
    new SamusError(code, text, {
      ...(extra.hint === undefined ? {} : { hint: extra.hint }),
      ...(extra.retryable === undefined ? {} : { retryable: extra.retryable }),
      ...(status === undefined || status < 300 ? {} : { status }),
      details: { ...details, ...extra.details },
    });
  const server = serverLabel(profile, baseUrl);
  const urlHint = `${pointAtServerHint(profile)}: give the server address without the API path.`;

  // 1. Not this API.
  if (status !== undefined && status >= 300 && status < 400) {
    return make('SAMUS_ERR_WRONG_BASE_URL', `${url} redirected${answer.location ? ` to ${answer.location}` : ''} (HTTP ${status}): redirects are not followed`, {
      hint: answer.location ? `If you trust it, use the address it redirects to as the base URL. ${urlHint}` : urlHint,
      details: { ...(answer.location ? { location: answer.location } : {}) },
    });
  }
  const html = (answer.contentType ?? '').includes('html') || (text !== undefined && HTML.test(text));
  if (html) return make('SAMUS_ERR_WRONG_BASE_URL', `${url} answered with a web page (HTTP ${status ?? 200}), not ${apiLabel(profile)}`, { hint: urlHint });
  if (WRONG_ENDPOINT.test(message) || ((status === 404 || status === 405) && parsed === undefined)) {
    return make('SAMUS_ERR_WRONG_BASE_URL', `${url} does not exist on ${baseUrl} (HTTP ${status ?? 200}): ${quote(message)}`, { hint: urlHint });
  }
  // 2. What only this server says.
  const serverAnswer: ServerAnswer = { status, message, body: json ?? text, parsed, url, baseUrl, endpoint, model, credentialSent: answer.credentialSent === true };
  const own = profile.explainAnswer?.(serverAnswer);
  if (own) return own;
  // 3. Credentials and rate limits.
  if (status === 401 || status === 403 || parsed?.code === 'invalid_api_key') {
    return make('SAMUS_ERR_UNAUTHORIZED', `${server} refused the request (HTTP ${status ?? 200}): ${quote(message)}`, {
      ...(profile.credentialHint ? { hint: profile.credentialHint } : {}),
      details: { credentialSent: answer.credentialSent === true },
    });
  }
  if (status === 429) return make('SAMUS_ERR_RATE_LIMITED', `${server} is rate limiting requests (HTTP 429): ${quote(message)}`);
  // 4. What the message says.
  const said = classifyErrorMessage(message);
  if (said === 'SAMUS_ERR_MODEL_NOT_FOUND' || said === 'SAMUS_ERR_MODEL_NOT_LOADED') {
    return make(said, `Model "${model ?? '?'}" is ${said === 'SAMUS_ERR_MODEL_NOT_FOUND' ? 'not available' : 'not loaded'} on ${server}: ${quote(message)}`);
  }
  if (said === 'SAMUS_ERR_CONTEXT_OVERFLOW' || said === 'SAMUS_ERR_CAPABILITY_MISSING') {
    return make(said, `${server} rejected the request: ${quote(message)}`);
  }
  if (said === 'SAMUS_ERR_INSUFFICIENT_MEMORY') return make(said, `${server} ran out of memory: ${quote(message)}`);
  // 5. The status.
  if (status === 404) return make('SAMUS_ERR_WRONG_BASE_URL', `${url} does not exist on ${baseUrl} (HTTP 404): ${quote(message)}`, { hint: urlHint });
  if (status === undefined || (status >= 200 && status < 300)) {
    return make('SAMUS_ERR_SERVER_ERROR', `${server} reported an error: ${quote(message)}`, {
      ...(profile.logHint ? { hint: `The server failed while answering: ${profile.logHint}.` } : {}),
    });
  }
  if (status === 409) return make('SAMUS_ERR_SERVER_ERROR', `${server} reported a conflict (HTTP 409): ${quote(message)}`, { retryable: true });
  if (status >= 400 && status < 500) return make('SAMUS_ERR_INVALID_REQUEST', `${server} rejected the request (HTTP ${status}): ${quote(message)}`);
  if (status >= 500) {
    return make('SAMUS_ERR_SERVER_ERROR', `${server} failed (HTTP ${status}): ${quote(message)}`, {
      retryable: true,
      ...(profile.logHint ? { hint: `The server failed internally: ${profile.logHint}, then retry.` } : {}),
    });
  }
  return make('SAMUS_ERR_INVALID_RESPONSE', `${server} answered HTTP ${status}: ${quote(message)}`);
}
