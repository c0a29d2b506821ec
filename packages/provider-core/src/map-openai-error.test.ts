import { SamusError } from '@samus/kernel';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyErrorMessage, errorBodyMessage, mapOpenAIError, type ErrorContext } from './map-openai-error.js';

const context: ErrorContext = { provider: 'openai', model: 'qwen3', baseUrl: 'http://127.0.0.1:8080', url: 'http://127.0.0.1:8080/v1/chat/completions' };
const headers = new Headers();
const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' }) });

describe('mapOpenAIError', () => {
  const cases: Array<[string, unknown, string]> = [
    ['APIUserAbortError', new APIUserAbortError(), 'SAMUS_ERR_ABORTED'],
    ['APIConnectionTimeoutError', new APIConnectionTimeoutError(), 'SAMUS_ERR_TIMEOUT'],
    ['APIConnectionError (refused)', new APIConnectionError({ cause: refused }), 'SAMUS_ERR_SERVER_NOT_RUNNING'],
    ['BadRequestError', new BadRequestError(400, { message: 'bad' }, undefined, headers), 'SAMUS_ERR_INVALID_REQUEST'],
    ['AuthenticationError', new AuthenticationError(401, { message: 'no key' }, undefined, headers), 'SAMUS_ERR_UNAUTHORIZED'],
    ['PermissionDeniedError', new PermissionDeniedError(403, { message: 'no' }, undefined, headers), 'SAMUS_ERR_UNAUTHORIZED'],
    ['NotFoundError', new NotFoundError(404, { message: 'Not Found' }, undefined, headers), 'SAMUS_ERR_WRONG_BASE_URL'],
    ['ConflictError', new ConflictError(409, { message: 'conflict' }, undefined, headers), 'SAMUS_ERR_SERVER_ERROR'],
    ['UnprocessableEntityError', new UnprocessableEntityError(422, { message: 'bad field' }, undefined, headers), 'SAMUS_ERR_INVALID_REQUEST'],
    ['RateLimitError', new RateLimitError(429, { message: 'slow' }, undefined, headers), 'SAMUS_ERR_RATE_LIMITED'],
    ['InternalServerError', new InternalServerError(500, { message: 'boom' }, undefined, headers), 'SAMUS_ERR_SERVER_ERROR'],
  ];
  it.each(cases)('%s → %s, with the original as cause', (_name, error, code) => {
    const mapped = mapOpenAIError(error, context);
    expect(mapped).toBeInstanceOf(SamusError);
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toBe(error);
    expect(mapped.hint.length).toBeGreaterThan(10);
  });

  it('names the server address for connection refused', () => {
    expect(mapOpenAIError(new APIConnectionError({ cause: refused }), context).message).toContain('http://127.0.0.1:8080');
  });

  it('takes message and phase from the deadline error for timeouts', () => {
    const deadlineError = new SamusError('SAMUS_ERR_TIMEOUT', 'No response within 5 ms (first-byte timeout)', { details: { phase: 'first-byte', timeoutMs: 5 } });
    const mapped = mapOpenAIError(new APIConnectionTimeoutError(), { ...context, deadlineError });
    expect(mapped.message).toBe(deadlineError.message);
    expect(mapped.details['phase']).toBe('first-byte');
  });

  it('reads the message of both error body shapes', () => {
    expect(errorBodyMessage('plain')).toBe('plain');
    expect(errorBodyMessage({ error: 'string form' })).toBe('string form');
    expect(errorBodyMessage({ error: { message: 'object form' } })).toBe('object form');
  });

  it('classifies server messages', () => {
    expect(classifyErrorMessage('model "x" not found, try pulling it first')).toBe('SAMUS_ERR_MODEL_NOT_FOUND');
    expect(classifyErrorMessage('No models loaded. Please load a model')).toBe('SAMUS_ERR_MODEL_NOT_LOADED');
    expect(classifyErrorMessage("This model's maximum context length is 4096 tokens")).toBe('SAMUS_ERR_CONTEXT_OVERFLOW');
    expect(classifyErrorMessage('llama3 does not support tools')).toBe('SAMUS_ERR_CAPABILITY_MISSING');
    expect(classifyErrorMessage('model requires more system memory (5 GiB) than is available')).toBe('SAMUS_ERR_INSUFFICIENT_MEMORY');
    expect(classifyErrorMessage('Unexpected endpoint or method. (POST /chat/completions)')).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(classifyErrorMessage('something else')).toBeUndefined();
  });

  it('returns a SamusError unchanged and maps a generic APIError by status', () => {
    const samus = new SamusError('SAMUS_ERR_ABORTED', 'x');
    expect(mapOpenAIError(samus, context)).toBe(samus);
    expect(mapOpenAIError(new APIError(418, { message: 'teapot' }, undefined, headers), context).code).toBe('SAMUS_ERR_INVALID_RESPONSE');
  });
});
