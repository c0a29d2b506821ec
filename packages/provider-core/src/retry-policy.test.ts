import { SamusError } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RetryPolicy, sleep } from './retry-policy.js';

const retryable = new SamusError('SAMUS_ERR_SERVER_ERROR', 'x');
const final = new SamusError('SAMUS_ERR_INVALID_REQUEST', 'x');

describe('RetryPolicy', () => {
  it('retries retryable errors up to maxRetries with growing delays', () => {
    const policy = new RetryPolicy({ maxRetries: 3, initialDelayMs: 100 });
    const delays = [1, 2, 3].map((retry) => policy.decide(retryable, retry));
    expect(delays.every((decision) => decision.retry)).toBe(true);
    const ms = delays.map((decision) => (decision.retry ? decision.delayMs : 0));
    expect(ms[0]).toBeGreaterThanOrEqual(75);
    expect(ms[0]).toBeLessThanOrEqual(100);
    expect(ms[2]).toBeGreaterThanOrEqual(300);
    expect(policy.decide(retryable, 4)).toEqual({ retry: false });
    expect(policy.decide(final, 1)).toEqual({ retry: false });
    expect(policy.decide(new Error('plain'), 1)).toEqual({ retry: false });
  });

  it('honours Retry-After and refuses waits longer than maxRetryAfterMs', () => {
    const policy = new RetryPolicy({ maxRetryAfterMs: 5_000 });
    expect(policy.decide(retryable, 1, new Headers({ 'retry-after': '2' }))).toEqual({ retry: true, delayMs: 2000 });
    expect(policy.decide(retryable, 1, new Headers({ 'retry-after': '60' }))).toEqual({ retry: false });
  });
});

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '150' }))).toBe(150);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    expect(parseRetryAfter(new Headers({ 'retry-after': inFiveSeconds }))).toBeGreaterThan(3_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
