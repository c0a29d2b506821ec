import { SamusError } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '@samus/provider-core';
import { nearestModelNames } from '@samus/provider-core/internal';
import { parseByteSize, parseOllamaErrorBody, withSuggestions } from './ollama-error.js';
import { mapOllamaErrorMessage, OLLAMA_PROFILE } from './ollama-server-profile.js';

/** An HTTP answer as the transport classifies it with Ollama's profile. */
const mapOllamaHttpError = (status: number, body: string, where: { baseUrl: string; path: string }) =>
  classifyAnswer({ status, body, url: `${where.baseUrl}${where.path}`, baseUrl: where.baseUrl, endpoint: `POST ${where.path}` }, OLLAMA_PROFILE);

const context = { baseUrl: 'http://127.0.0.1:11434', path: '/api/chat' };

describe('parseOllamaErrorBody', () => {
  it('should read the native and the OpenAI-layer shapes', () => {
    expect(parseOllamaErrorBody('{"error":"boom"}')).toBe('boom');
    expect(parseOllamaErrorBody('{"error":{"message":"boom","type":"api_error","param":null,"code":null}}')).toBe('boom');
  });

  it('should return undefined for text, HTML and other JSON', () => {
    expect(parseOllamaErrorBody('404 page not found')).toBeUndefined();
    expect(parseOllamaErrorBody('<html></html>')).toBeUndefined();
    expect(parseOllamaErrorBody('{"models":[]}')).toBeUndefined();
    expect(parseOllamaErrorBody('{not json')).toBeUndefined();
  });
});

describe('mapOllamaErrorMessage', () => {
  it('should map both model-not-found forms to SAMUS_ERR_MODEL_NOT_FOUND with the pull hint', () => {
    const chat = mapOllamaErrorMessage(404, 'model "llama9" not found, try pulling it first', context);
    const generate = mapOllamaErrorMessage(404, "model 'llama9' not found", context);
    for (const error of [chat, generate]) {
      expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
      expect(error.details.model).toBe('llama9');
      expect(error.hint).toContain('ollama pull llama9');
      expect(error.retryable).toBe(false);
    }
  });

  it('should map "does not support tools" to SAMUS_ERR_CAPABILITY_MISSING naming the capability', () => {
    const error = mapOllamaErrorMessage(400, 'registry.ollama.ai/library/gemma2:2b does not support tools', { ...context, model: 'gemma2:2b' });
    expect(error.code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    expect(error.details.capability).toBe('tools');
    expect(error.message).toContain('gemma2:2b');
    expect(error.hint).toContain('tools');
  });

  it('should map thinking and chat capability errors', () => {
    expect(mapOllamaErrorMessage(400, 'registry.ollama.ai/library/llama3.2:latest does not support thinking', context).details.capability).toBe('thinking');
    const chat = mapOllamaErrorMessage(400, '"nomic-embed-text" does not support chat', context);
    expect(chat.code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    expect(chat.hint).toContain('embedding model');
  });

  it('should parse the sizes of an insufficient-memory error', () => {
    const error = mapOllamaErrorMessage(500, 'model requires more system memory (5.6 GiB) than is available (3.2 GiB)', { ...context, model: 'llama3:8b' });
    expect(error.code).toBe('SAMUS_ERR_INSUFFICIENT_MEMORY');
    expect(error.details.requiredBytes).toBe(Math.round(5.6 * 1024 ** 3));
    expect(error.details.availableBytes).toBe(Math.round(3.2 * 1024 ** 3));
    expect(error.message).toContain('5.6 GiB');
  });

  it('should map an invalid keep-alive, a bad think value, a context overflow, a full queue and a cancel', () => {
    expect(mapOllamaErrorMessage(400, 'time: missing unit in duration "10"', context)).toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'keepAlive' } });
    expect(mapOllamaErrorMessage(400, 'invalid think value: "x" (must be "high", "medium", "low", true, or false)', context).code).toBe('SAMUS_ERR_INVALID_REQUEST');
    expect(mapOllamaErrorMessage(400, 'think value "low" is not supported for this model', context).code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    expect(mapOllamaErrorMessage(400, 'input length exceeds maximum context length', context).code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    const busy = mapOllamaErrorMessage(503, 'server busy, please try again.  maximum pending requests exceeded', context);
    expect(busy).toMatchObject({ code: 'SAMUS_ERR_RATE_LIMITED', retryable: true });
    expect(mapOllamaErrorMessage(499, 'request canceled', context).code).toBe('SAMUS_ERR_ABORTED');
  });

  it('should map an error line inside a 200 stream (runner crash) to a retryable SAMUS_ERR_SERVER_ERROR', () => {
    const error = mapOllamaErrorMessage(200, 'llama runner process has terminated: signal: killed', context);
    expect(error.code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('reported an error');
  });

  it('should map a wrongly typed option to SAMUS_ERR_INVALID_REQUEST even though Ollama answers 500', () => {
    expect(mapOllamaErrorMessage(500, 'option "temperature" must be of type float32', context).code).toBe('SAMUS_ERR_INVALID_REQUEST');
  });
});

describe('an HTTP answer classified with OLLAMA_PROFILE', () => {
  it("should map gin's plain-text 404 and 405 and HTML pages to SAMUS_ERR_WRONG_BASE_URL", () => {
    expect(mapOllamaHttpError(404, '404 page not found', context).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(mapOllamaHttpError(405, '405 method not allowed', context).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(mapOllamaHttpError(200, '<!doctype html><html></html>', context).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it("should explain the Host-header guard's empty 403", () => {
    const error = mapOllamaHttpError(403, '', context);
    expect(error.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(error.hint).toContain('OLLAMA_ORIGINS');
  });

  it('should map JSON error bodies by their message', () => {
    expect(mapOllamaHttpError(404, '{"error":"model \\"x\\" not found, try pulling it first"}', context).code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(mapOllamaHttpError(502, 'Bad Gateway', context).code).toBe('SAMUS_ERR_SERVER_ERROR');
  });
});

describe('parseByteSize', () => {
  it('should parse binary and decimal units', () => {
    expect(parseByteSize('1 KiB')).toBe(1024);
    expect(parseByteSize('2.5 GB')).toBe(2_500_000_000);
    expect(parseByteSize('lots')).toBeUndefined();
  });
});

describe('nearestModelNames / withSuggestions', () => {
  const installed = ['llama3:latest', 'llama3.2:3b', 'gemma3:270m', 'all-minilm:l6-v2', 'qwen2.5:7b'];

  it('should rank names of the same family first', () => {
    expect(nearestModelNames('llama3:8b', installed)[0]).toBe('llama3:latest');
    expect(nearestModelNames('gemma3', installed)).toContain('gemma3:270m');
    expect(nearestModelNames('zzzzzzzzzzzzzzz', installed)).toEqual([]);
  });

  it('should put the nearest local names and the pull command into the hint', () => {
    const error = withSuggestions(mapOllamaErrorMessage(404, "model 'llama3:8b' not found", context), installed);
    expect(SamusError.is(error, 'SAMUS_ERR_MODEL_NOT_FOUND')).toBe(true);
    expect(error.details.suggestions).toContain('llama3:latest');
    expect(error.hint).toContain('llama3:latest');
    expect(error.hint).toContain('ollama pull llama3:8b');
  });
});
