import { describe, expect, it } from 'vitest';
import { SamusError } from '@samus/kernel';
import { type CatalogueModel } from './catalogue-model.js';
import {
  leastBusyStrategy,
  lowestTtftStrategy,
  priorityStrategy,
  resolveRoutingStrategy,
  roundRobinStrategy,
  type RouteCandidate,
} from './routing-strategy.js';

const model = { id: 'm', aliases: [], kind: 'chat', capabilities: [], loaded: true, server: '', serverKind: 'ollama' } as CatalogueModel;
function c(url: string, fields: Partial<RouteCandidate> = {}): RouteCandidate {
  return { url, model, inFlight: 0, ttftMs: undefined, ttftAgeMs: undefined, priority: 0, ...fields };
}
const urls = (list: RouteCandidate[]): string[] => list.map((x) => x.url);

describe('routing strategies', () => {
  it('round-robin rotates by turn', () => {
    const list = [c('a'), c('b'), c('c')];
    expect(urls(roundRobinStrategy.order(list, 0))).toEqual(['a', 'b', 'c']);
    expect(urls(roundRobinStrategy.order(list, 4))).toEqual(['b', 'c', 'a']);
  });

  it('least-busy orders by requests in flight, ties in turn', () => {
    expect(urls(leastBusyStrategy.order([c('a', { inFlight: 3 }), c('b', { inFlight: 1 }), c('c', { inFlight: 2 })], 0))).toEqual(['b', 'c', 'a']);
    expect(urls(leastBusyStrategy.order([c('a'), c('b')], 1))).toEqual(['b', 'a']);
  });

  it('priority orders by configured priority', () => {
    expect(urls(priorityStrategy.order([c('a', { priority: 1 }), c('b', { priority: 5 }), c('c')], 0))).toEqual(['b', 'a', 'c']);
  });

  it('lowest-ttft explores an unmeasured idle server first, and never piles onto one still being explored', () => {
    expect(urls(lowestTtftStrategy.order([c('a', { ttftMs: 10, ttftAgeMs: 0 }), c('b')], 0))[0]).toBe('b');
    expect(urls(lowestTtftStrategy.order([c('a', { ttftMs: 10, ttftAgeMs: 0 }), c('b', { inFlight: 1 })], 0))).toEqual(['a', 'b']);
    // Nothing measured at all: spread by load.
    expect(urls(lowestTtftStrategy.order([c('a', { inFlight: 2 }), c('b', { inFlight: 1 })], 0))).toEqual(['b', 'a']);
  });

  it('lowest-ttft prefers the clearly fastest server, and the freshest figure among equally fast ones', () => {
    expect(urls(lowestTtftStrategy.order([c('slow', { ttftMs: 400, ttftAgeMs: 0 }), c('fast', { ttftMs: 100, ttftAgeMs: 0 })], 0))).toEqual(['fast', 'slow']);
    // 'stale' looks 10 % faster, but its figure is 5 s old while 'busy' was measured just now: no stampede to 'stale'.
    expect(urls(lowestTtftStrategy.order([c('stale', { ttftMs: 90, ttftAgeMs: 5_000 }), c('busy', { ttftMs: 100, ttftAgeMs: 1 })], 0))).toEqual(['busy', 'stale']);
    // Clearly faster (beyond the tolerance) wins even with an older figure.
    expect(urls(lowestTtftStrategy.order([c('stale', { ttftMs: 50, ttftAgeMs: 5_000 }), c('busy', { ttftMs: 100, ttftAgeMs: 1 })], 0))).toEqual(['stale', 'busy']);
  });

  it('resolves names and rejects unknown ones with a coded error', () => {
    expect(resolveRoutingStrategy(undefined).name).toBe('least-busy');
    expect(resolveRoutingStrategy('priority')).toBe(priorityStrategy);
    expect(resolveRoutingStrategy(roundRobinStrategy)).toBe(roundRobinStrategy);
    let error: unknown;
    try {
      resolveRoutingStrategy('fastest');
    } catch (caught) {
      error = caught;
    }
    expect(SamusError.is(error, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    expect((error as SamusError).hint).toContain('lowest-ttft');
  });
});
