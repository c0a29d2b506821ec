import { describe, expect, it } from 'vitest';
import { explainLMStudioError, parseLMStudioErrorBody, parseSuggestedModels, redactSecrets } from './lm-studio-error.js';
import { mapLMStudioError } from './lm-studio-server-profile.js';

describe('parseLMStudioErrorBody', () => {
  it('should read the string shape', () => {
    expect(parseLMStudioErrorBody({ error: 'No models loaded.' })).toEqual({ message: 'No models loaded.' });
  });

  it('should read the object shape with type, code and param', () => {
    expect(
      parseLMStudioErrorBody({ error: { message: 'Invalid model identifier "x".', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } }),
    ).toEqual({ message: 'Invalid model identifier "x".', type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
  });

  it('should drop a null code and return undefined without an error field', () => {
    expect(parseLMStudioErrorBody({ error: { message: 'm', code: null } })).toEqual({ message: 'm' });
    expect(parseLMStudioErrorBody({ data: [] })).toBeUndefined();
    expect(parseLMStudioErrorBody('text')).toBeUndefined();
  });
});

describe('mapLMStudioError', () => {
  const noModelsString = "No models loaded. Please load a model in the developer page or use the 'lms load' command.";

  it.each([
    ['string', { error: noModelsString }],
    ['object', { error: { message: noModelsString, type: 'invalid_request_error', param: 'model', code: null } }],
  ])('should map "No models loaded" (%s shape) to SAMUS_ERR_MODEL_NOT_LOADED with the lms load / JIT hint', (_shape, body) => {
    const error = mapLMStudioError({ status: 400, body, model: 'qwen3-4b' });
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
    expect(error.hint).toContain('lms load qwen3-4b');
    expect(error.hint).toMatch(/Just-in-Time/i);
  });

  it('should map "Invalid model identifier" (400) to SAMUS_ERR_MODEL_NOT_FOUND with the suggested names', () => {
    const error = mapLMStudioError({
      status: 400,
      body: {
        error: {
          message: 'Invalid model identifier "o4-mini". Please specify a valid downloaded model (e.g., qwen3-4b, gemma-3-1b, text-embedding-nomic).',
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      },
      model: 'o4-mini',
    });
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.message).toContain('o4-mini');
    expect(error.details.suggestions).toEqual(['qwen3-4b', 'gemma-3-1b', 'text-embedding-nomic']);
    expect(error.hint).toContain('qwen3-4b');
    expect(error.retryable).toBe(false);
  });

  it('should map the older 404 "Model not found … Your models:" form to SAMUS_ERR_MODEL_NOT_FOUND', () => {
    const error = mapLMStudioError({
      status: 404,
      body: { error: { message: 'Model "default" not found. Please specify a valid model.\n\nYour models:\n\nqwen3-4b\ngemma-3-1b', code: 'model_not_found' } },
    });
    expect(error.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(error.details.suggestions).toEqual(['qwen3-4b', 'gemma-3-1b']);
  });

  it('should map 401 invalid_api_key to SAMUS_ERR_UNAUTHORIZED without echoing the token', () => {
    const token = 'sk-lm-abcd1234:secretpart';
    const error = mapLMStudioError({
      status: 401,
      body: { error: { type: 'invalid_request', code: 'invalid_api_key', message: `Bad token ${token}` } },
      tokenSent: true,
      secrets: [token],
    });
    expect(error.code).toBe('SAMUS_ERR_UNAUTHORIZED');
    expect(JSON.stringify(error.toJSON())).not.toContain('secretpart');
    expect(error.hint).toContain('LM_API_TOKEN');
  });

  it('should tell apart a missing token from a rejected one', () => {
    const missing = mapLMStudioError({ status: 401, body: { error: { code: 'invalid_api_key', message: 'An LM Studio API token is required' } } });
    const rejected = mapLMStudioError({ status: 401, body: { error: { code: 'invalid_api_key', message: 'x' } }, tokenSent: true });
    expect(missing.message).toMatch(/requires an API token/);
    expect(rejected.message).toMatch(/rejected the API token/);
  });

  it('should map a 200 "Unexpected endpoint or method" body to SAMUS_ERR_WRONG_BASE_URL', () => {
    const error = mapLMStudioError({ status: 200, body: { error: 'Unexpected endpoint or method. (POST /chat/completions)' } });
    expect(error.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it('should map context overflow to SAMUS_ERR_CONTEXT_OVERFLOW with the parsed sizes', () => {
    const error = mapLMStudioError({
      status: 400,
      body: {
        error:
          'Trying to keep the first 15857 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.',
      },
      model: 'qwen3-4b',
    });
    expect(error.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error.details).toMatchObject({ promptTokens: 15857, contextLength: 4096 });
    expect(error.hint).toContain('--context-length');
  });

  it('should map the json_object rejection to SAMUS_ERR_INVALID_REQUEST', () => {
    const error = mapLMStudioError({ status: 400, body: { error: "'response_format.type' must be 'json_schema' or 'text'" } });
    expect(error.code).toBe('SAMUS_ERR_INVALID_REQUEST');
  });

  it.each([
    [500, 'SAMUS_ERR_SERVER_ERROR', true],
    [503, 'SAMUS_ERR_SERVER_ERROR', true],
    [429, 'SAMUS_ERR_RATE_LIMITED', true],
  ] as const)('should map HTTP %s to %s (retryable %s)', (status, code, retryable) => {
    const error = mapLMStudioError({ status, body: { error: 'boom' } });
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('should map native v1 error types', () => {
    expect(mapLMStudioError({ status: 404, body: { error: { type: 'job_not_found', message: 'no job' } } }).code).toBe('SAMUS_ERR_OPERATION_FAILED');
    expect(mapLMStudioError({ status: 404, body: { error: { type: 'model_not_found', message: 'm' } } }).code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
  });

  it('should map a 2xx web page to SAMUS_ERR_WRONG_BASE_URL and other 2xx text to SAMUS_ERR_SERVER_ERROR', () => {
    expect(mapLMStudioError({ status: 200, body: '<html>' }).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(mapLMStudioError({ status: 200, body: 'something odd' }).code).toBe('SAMUS_ERR_SERVER_ERROR');
  });
});

describe('parseSuggestedModels / redactSecrets', () => {
  it('should return no suggestions for a message without a list', () => {
    expect(parseSuggestedModels('nothing here')).toEqual([]);
  });

  it('should replace every occurrence of a secret', () => {
    expect(redactSecrets('a TOKEN b TOKEN', ['TOKEN'])).toBe('a *** b ***');
  });
});

describe('mapLMStudioError for stream errors', () => {
  it('should map an error object inside a 200 stream (no status) to SAMUS_ERR_SERVER_ERROR unless the message says more', () => {
    expect(mapLMStudioError({ body: { error: { message: 'Injected fault: error inside the stream', type: 'server_error' } } }).code).toBe('SAMUS_ERR_SERVER_ERROR');
    expect(mapLMStudioError({ body: { error: 'Context size has been exceeded.' } }).code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });

  it('should map a 404 without an LM Studio body to SAMUS_ERR_WRONG_BASE_URL naming another server', () => {
    const error = mapLMStudioError({ status: 404, body: '<html>Not Found</html>', endpoint: 'POST /v1/chat/completions' });
    expect(error.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(error.message).toMatch(/web page.*not LM Studio's API/);
  });
});

describe('mapLMStudioError for model kinds', () => {
  it('should map a wrong model type to SAMUS_ERR_CAPABILITY_MISSING', () => {
    expect(mapLMStudioError({ status: 400, body: { error: 'Model "nomic" is an embedding model and cannot generate text.' } }).code).toBe('SAMUS_ERR_CAPABILITY_MISSING');
  });
});

describe('explainLMStudioError: LM Studio 0.4.x answers (issue #13)', () => {
  it.each([
    ['n_keep, 400 string body (0.4.0–0.4.20)', 400, 'The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 15028 >= n_ctx: 7424). Try to load the model with a larger context length, or provide a shorter input.'],
    ['n_keep, 200 with the error body (0.4.21+)', 200, 'The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 15028 >= n_ctx: 7424).'],
    ['Cannot truncate prompt (0.4.x)', 400, 'Cannot truncate prompt with n_keep (15028) >= n_ctx (7424)'],
  ] as const)('should map the overflow wording "%s" to SAMUS_ERR_CONTEXT_OVERFLOW with both numbers', (_name, status, message) => {
    const error = explainLMStudioError({ status, body: { error: message }, model: 'qwen/qwen3.5-9b' });
    expect(error?.code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(error?.details).toMatchObject({ promptTokens: 15028, contextLength: 7424 });
    expect(error?.hint).toContain('lms load qwen/qwen3.5-9b --context-length');
    // Not an INVALID_REQUEST any more (provider-core's classifier would say so for a bare 400).
    expect(mapLMStudioError({ status, body: { error: message } }).code).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
  });

  it('should tell a malformed token from a missing and a rejected one, all SAMUS_ERR_UNAUTHORIZED', () => {
    const body = (message: string) => ({ error: { type: 'invalid_request', code: 'invalid_api_key', message } });
    const missing = explainLMStudioError({
      status: 401,
      body: body("An LM Studio API token is required to make requests to this server, but none was provided using the Authorization header using the 'Bearer' scheme."),
    });
    const malformed = explainLMStudioError({ status: 401, body: body('Malformed LM Studio API token provided.'), tokenSent: true });
    const rejected = explainLMStudioError({ status: 401, body: body('The provided LM Studio API token is invalid.'), tokenSent: true });
    expect([missing?.code, malformed?.code, rejected?.code]).toEqual(['SAMUS_ERR_UNAUTHORIZED', 'SAMUS_ERR_UNAUTHORIZED', 'SAMUS_ERR_UNAUTHORIZED']);
    expect([missing?.details.tokenProblem, malformed?.details.tokenProblem, rejected?.details.tokenProblem]).toEqual(['missing', 'malformed', 'rejected']);
    expect(new Set([missing?.message, malformed?.message, rejected?.message]).size).toBe(3);
    expect(malformed?.hint).toContain('sk-lm-XXXXXXXX:XXXXXXXXXXXXXXXXXXXX');
    expect(missing?.hint).toContain('LM_API_TOKEN');
  });

  it('should map "Invalid model identifier" for a downloaded but unloaded model to SAMUS_ERR_MODEL_NOT_LOADED with lms load', () => {
    const body = {
      error: {
        message: 'Invalid model identifier "google/gemma-3-4b". Please specify a valid downloaded model (e.g., qwen2.5-7b-instruct).',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    };
    const known = explainLMStudioError({ status: 400, body, model: 'google/gemma-3-4b', modelState: 'not-loaded' });
    expect(known?.code).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
    expect(known?.hint).toContain('lms load google/gemma-3-4b');
    expect(known?.hint).toContain('qwen2.5-7b-instruct');
    expect(explainLMStudioError({ status: 400, body, model: 'google/gemma-3-4b' })?.code).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
  });
});
