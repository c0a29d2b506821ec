import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.js';
import { SamusError } from './samus-error.js';

describe('SamusError', () => {
  it('carries code, catalogue hint, retryable flag, cause and details', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:11434');
    const error = new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'Ollama is not running at http://127.0.0.1:11434', {
      cause,
      details: { url: 'http://127.0.0.1:11434' },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SamusError');
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error.hint).toBe(ERROR_CODES.SAMUS_ERR_SERVER_NOT_RUNNING.hint);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ url: 'http://127.0.0.1:11434' });
    expect(error.toDisplayString()).toBe(`${error.message}\n  hint: ${error.hint}`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'SAMUS_ERR_SERVER_NOT_RUNNING', retryable: true });
  });

  it('lets a hint and retryable flag override the catalogue', () => {
    const error = new SamusError('SAMUS_ERR_TIMEOUT', 'x', { hint: 'Wait for the model to load.', retryable: false });
    expect(error.hint).toBe('Wait for the model to load.');
    expect(error.retryable).toBe(false);
  });

  it('is recognised by marker, also across package copies, and by code', () => {
    const error = new SamusError('SAMUS_ERR_ABORTED', 'aborted');
    expect(SamusError.is(error)).toBe(true);
    expect(SamusError.is(error, 'SAMUS_ERR_ABORTED')).toBe(true);
    expect(SamusError.is(error, 'SAMUS_ERR_TIMEOUT')).toBe(false);
    const foreign = { code: 'SAMUS_ERR_ABORTED', [Symbol.for('samus.error')]: true };
    expect(SamusError.is(foreign, 'SAMUS_ERR_ABORTED')).toBe(true);
    expect(SamusError.is(new Error('x'))).toBe(false);
    expect(SamusError.is(null)).toBe(false);
    expect(SamusError.is('SAMUS_ERR_ABORTED')).toBe(false);
  });
});

describe('SamusError: what hosts read', () => {
  it('carries the HTTP status: given, from details.status, or from a SamusError cause', () => {
    expect(new SamusError('SAMUS_ERR_SERVER_ERROR', 'x', { status: 503 }).status).toBe(503);
    expect(new SamusError('SAMUS_ERR_RATE_LIMITED', 'x', { details: { status: 429 } }).status).toBe(429);
    const inner = new SamusError('SAMUS_ERR_SERVER_ERROR', 'inner', { status: 502 });
    expect(new SamusError('SAMUS_ERR_SERVER_ERROR', 'outer', { cause: inner }).status).toBe(502);
    // No HTTP answer, or an error inside a 200 stream: no status.
    expect(new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'x').status).toBeUndefined();
    expect(new SamusError('SAMUS_ERR_SERVER_ERROR', 'x', { details: { status: 200 } }).status).toBeUndefined();
    expect('status' in new SamusError('SAMUS_ERR_TIMEOUT', 'x')).toBe(false);
    expect(JSON.parse(JSON.stringify(new SamusError('SAMUS_ERR_SERVER_ERROR', 'x', { status: 500 })))).toMatchObject({ status: 500 });
  });

  it('keeps code SAMUS_ERR_* and the socket error in the cause chain', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'x', { cause: new TypeError('fetch failed', { cause: socket }) });
    expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(((error.cause as Error).cause as { code: string }).code).toBe('ECONNREFUSED');
  });

  it('never says "fetch failed" (hosts retry on that phrase)', () => {
    const error = new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'Could not reach http://127.0.0.1:1: fetch failed; TypeError: Fetch Failed');
    expect(error.message.toLowerCase()).not.toContain('fetch failed');
    expect(error.message).toBe('Could not reach http://127.0.0.1:1: network request failed; TypeError: network request failed');
  });
});
