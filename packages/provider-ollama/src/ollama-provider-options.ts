import { SamusError } from '@samus/kernel';
import { validateKeepAlive, type KeepAlive } from './keep-alive.js';

/** Ollama's `think`: on/off, or an effort level (gpt-oss models only). */
export type OllamaThink = boolean | 'high' | 'medium' | 'low';

/**
 * Ollama-specific settings, from the generator's `config.providerOptions`, or a request's
 * `config.providerOptions` for that request only (values typed as here; strings such as `"8192"` from environment
 * variables are accepted too).
 */
export interface OllamaProviderOptions {
  /** Context window in tokens (`options.num_ctx`). Unset: the model's Modelfile value or the server default. */
  numCtx?: number;
  /** How long the model stays loaded after the request (`keep_alive`): `"5m"`, `"1h"`, `"0"`, or seconds. */
  keepAlive?: KeepAlive;
  /** Ask a thinking model to reason (`think`); thoughts come back as parts with `thought: true`. */
  think?: OllamaThink;
  /**
   * Which Ollama API carries generation: `native` (`/api/chat`, the default: server timings, truncation check,
   * num_ctx / keep_alive / think) or `openai` (`/v1/chat/completions` through provider-core; requests that set
   * numCtx, keepAlive or think still go native, since `/v1` cannot carry them).
   */
  api?: 'native' | 'openai';
  /** Refuse prompts estimated larger than the context window before sending (default true). */
  contextGuard?: boolean;
  /** Extra Ollama runtime `options` (e.g. `num_thread`, `repeat_penalty`), sent as is on the native API. */
  options?: Record<string, unknown>;
}

const THINK_VALUES = new Set(['high', 'medium', 'low']);

function fail(source: 'config' | 'request', field: string, message: string, hint: string): never {
  throw new SamusError(source === 'config' ? 'SAMUS_ERR_INVALID_CONFIG' : 'SAMUS_ERR_INVALID_REQUEST', `${field} ${message}`, {
    hint,
    details: { field, provider: 'ollama' },
  });
}

function parseNumCtx(value: unknown, source: 'config' | 'request'): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 10_000_000) {
    fail(source, 'numCtx', `must be a positive integer number of tokens, got ${JSON.stringify(value)}`, 'Set numCtx to e.g. 8192 (tokens).');
  }
  return number;
}

function parseThink(value: unknown, source: 'config' | 'request'): OllamaThink {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (typeof value === 'string' && THINK_VALUES.has(value)) return value as OllamaThink;
  return fail(source, 'think', `must be true, false, "high", "medium" or "low", got ${JSON.stringify(value)}`, 'Use think: true / false ("high" | "medium" | "low" for gpt-oss models).');
}

/** Parses and validates Ollama settings from the generator's `providerOptions` (source `config`) or a request's (source `request`). */
export function parseOllamaProviderOptions(input: Readonly<Record<string, unknown>> | undefined, source: 'config' | 'request'): OllamaProviderOptions {
  const result: OllamaProviderOptions = {};
  if (!input) return result;
  if (input.numCtx !== undefined) result.numCtx = parseNumCtx(input.numCtx, source);
  if (input.keepAlive !== undefined) result.keepAlive = validateKeepAlive(input.keepAlive, source);
  if (input.think !== undefined) result.think = parseThink(input.think, source);
  if (input.api !== undefined) {
    if (input.api !== 'native' && input.api !== 'openai') fail(source, 'api', `must be "native" or "openai", got ${JSON.stringify(input.api)}`, 'Leave api unset (native) or set "openai".');
    result.api = input.api;
  }
  if (input.contextGuard !== undefined) {
    if (typeof input.contextGuard !== 'boolean' && input.contextGuard !== 'true' && input.contextGuard !== 'false') {
      fail(source, 'contextGuard', 'must be true or false', 'Set contextGuard to true or false.');
    }
    result.contextGuard = input.contextGuard === true || input.contextGuard === 'true';
  }
  if (input.options !== undefined) {
    if (typeof input.options !== 'object' || input.options === null || Array.isArray(input.options)) {
      fail(source, 'options', 'must be an object of Ollama runtime options', 'Pass e.g. { num_thread: 4 }.');
    }
    result.options = input.options as Record<string, unknown>;
  }
  return result;
}
