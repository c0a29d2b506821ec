import { describe, expect, it } from 'vitest';
import { SamusError, SamusEvents } from '@samus/kernel';
import { MetricsStore } from './metrics-store.js';

const base = { provider: 'ollama', model: 'gemma3:270m', baseUrl: 'http://127.0.0.1:11434/v1/' };

describe('MetricsStore', () => {
  it('aggregates kernel events per server and model, keeping TTFT apart from model-load time', () => {
    const events = new SamusEvents();
    const store = new MetricsStore();
    const detach = store.attach(events);
    // A cold request: 900 ms to first token, of which 800 ms were the model load.
    events.emit('request:start', { ...base, requestId: 'a', stream: true, attempt: 1 });
    expect(store.get('http://127.0.0.1:11434', 'gemma3:270m')?.inFlight).toBe(1);
    events.emit('response:first-token', { ...base, requestId: 'a', ttftMs: 900 });
    events.emit('response:chunk', { ...base, requestId: 'a', gapMs: 10, textLength: 3 });
    events.emit('response:chunk', { ...base, requestId: 'a', gapMs: 30, textLength: 3 });
    events.emit('response:finish', { ...base, requestId: 'a', durationMs: 1_000, ttftMs: 900, tokensPerSecond: 50, server: { loadMs: 800, tokensPerSecond: 60 } });
    // A warm one.
    events.emit('request:start', { ...base, requestId: 'b', stream: true, attempt: 1 });
    events.emit('request:retry', { ...base, requestId: 'b', attempt: 2, delayMs: 10, error: new SamusError('SAMUS_ERR_SERVER_ERROR', 'x') });
    events.emit('request:start', { ...base, requestId: 'b', stream: true, attempt: 2 });
    events.emit('response:finish', { ...base, requestId: 'b', durationMs: 300, ttftMs: 120, tokensPerSecond: 70 });
    // A failure.
    events.emit('request:start', { ...base, requestId: 'c', stream: true, attempt: 1 });
    events.emit('request:error', { ...base, requestId: 'c', error: new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', 'down'), afterFirstToken: false });

    const metrics = store.get('http://127.0.0.1:11434', 'gemma3:270m')!;
    expect(metrics.server).toBe('http://127.0.0.1:11434');
    expect(metrics.inFlight).toBe(0);
    expect(metrics.requests).toBe(3);
    expect(metrics.errors).toBe(1);
    expect(metrics.errorRate).toBeCloseTo(1 / 3);
    expect(metrics.ttftMs).toMatchObject({ count: 2, p50: 100, p95: 120 });
    expect(metrics.loadMs).toMatchObject({ count: 1, p50: 800 });
    expect(metrics.coldStarts).toBe(1);
    expect(metrics.tokensPerSecond).toMatchObject({ count: 2, p50: 50, p95: 70 });
    expect(metrics.serverTokensPerSecond).toMatchObject({ count: 1, p50: 60 });
    expect(metrics.interChunkGapMs).toMatchObject({ count: 2, p50: 10, p95: 30 });
    expect(store.snapshot().models).toHaveLength(1);

    detach();
    events.emit('request:start', { ...base, requestId: 'd', stream: true, attempt: 1 });
    expect(store.get('http://127.0.0.1:11434', 'gemma3:270m')?.inFlight).toBe(0);
  });

  it('keeps servers and models apart', () => {
    const events = new SamusEvents();
    const store = new MetricsStore();
    store.attach(events);
    events.emit('response:finish', { ...base, requestId: 'x', durationMs: 5, ttftMs: 1 });
    events.emit('response:finish', { ...base, baseUrl: 'http://127.0.0.1:1234', requestId: 'y', durationMs: 5, ttftMs: 2 });
    events.emit('response:finish', { ...base, model: 'other', requestId: 'z', durationMs: 5, ttftMs: 3 });
    expect(store.snapshot().models.map((m) => [m.server, m.model, m.ttftMs.p50])).toEqual([
      ['http://127.0.0.1:11434', 'gemma3:270m', 1],
      ['http://127.0.0.1:1234', 'gemma3:270m', 2],
      ['http://127.0.0.1:11434', 'other', 3],
    ]);
  });
});
