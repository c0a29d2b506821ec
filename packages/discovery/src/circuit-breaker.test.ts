import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, not before', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 100, now: c.now });
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.allowsTraffic()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.allowsTraffic()).toBe(false);
  });

  it('a success resets the count of consecutive failures', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2 });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
  });

  it('turns half-open after the cooldown; a good trial closes it, a bad one reopens it for twice as long', () => {
    const c = clock();
    const transitions: [BreakerState, BreakerState][] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 100, maxCooldownMs: 150, now: c.now });
    breaker.onTransition((from, to) => transitions.push([from, to]));
    breaker.recordFailure();
    expect(breaker.msUntilHalfOpen()).toBe(100);
    c.advance(100);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allowsTraffic()).toBe(false);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.msUntilHalfOpen()).toBe(150); // doubled, capped at maxCooldownMs
    c.advance(150);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(transitions).toEqual([
      ['closed', 'open'],
      ['half-open', 'open'],
      ['half-open', 'closed'],
    ]);
  });

  it('beginTrial makes half-open explicit until the trial answers, and reports open -> half-open', () => {
    const c = clock();
    const transitions: [BreakerState, BreakerState][] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 100, now: c.now });
    breaker.onTransition((from, to) => transitions.push([from, to]));
    breaker.recordFailure();
    expect(breaker.beginTrial()).toBe(false); // still cooling down
    c.advance(100);
    expect(breaker.beginTrial()).toBe(true);
    c.advance(10_000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allowsTraffic()).toBe(false);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.msUntilHalfOpen()).toBe(200);
    c.advance(200);
    expect(breaker.beginTrial()).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.beginTrial()).toBe(false);
    expect(transitions).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });
});
