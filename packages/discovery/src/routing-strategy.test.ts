import { describe, expect, it } from 'vitest';
import { SamusError } from '@samus/kernel';
import type { CatalogueModel } from './catalogue-model.js';
import {
  capacityAwareStrategy,
  expectedCompletionMs,
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
    expect(resolveRoutingStrategy(undefined)).toBe(capacityAwareStrategy);
    expect(resolveRoutingStrategy('auto')).toBe(capacityAwareStrategy);
    expect(resolveRoutingStrategy('capacity-aware')).toBe(capacityAwareStrategy);
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

  describe('capacity-aware', () => {
    // A measured server: 0.25 ms per uncached prompt token, 40 ms of generation, 60 ms average service.
    const measured = (url: string, fields: Partial<RouteCandidate> = {}): RouteCandidate =>
      c(url, { prefillMsPerToken: 0.25, generationMs: 40, serviceMs: 60, capacity: 1, promptTokens: 400, cachedTokens: 0, ...fields });

    it('estimates the completion time from queue, capacity, uncached prompt tokens and generation', () => {
      // Idle: 400 uncached tokens x 0.25 + 40.
      expect(expectedCompletionMs(measured('a'))).toBe(140);
      // 380 of 400 cached: 20 x 0.25 + 40.
      expect(expectedCompletionMs(measured('a', { cachedTokens: 380 }))).toBe(45);
      // 3 in flight on 1 slot: 3 requests ahead x 60 ms, then its own 140.
      expect(expectedCompletionMs(measured('a', { inFlight: 3 }))).toBe(320);
      // The same 3 on 4 slots: nobody waits.
      expect(expectedCompletionMs(measured('a', { inFlight: 3, capacity: 4 }))).toBe(140);
      // 6 on 4 slots: 3 ahead, served 4 at a time.
      expect(expectedCompletionMs(measured('a', { inFlight: 6, capacity: 4 }))).toBe(3 * 15 + 140);
      expect(expectedCompletionMs(c('unmeasured'))).toBeUndefined();
    });

    it('prefers the faster server, counting its slots', () => {
      const slow = measured('slow', { prefillMsPerToken: 1, generationMs: 160, serviceMs: 560, inFlight: 0 });
      const fast = measured('fast', { inFlight: 2, capacity: 4 });
      expect(urls(capacityAwareStrategy.order([slow, fast], 0))).toEqual(['fast', 'slow']);
      // Until the fast one's queue costs more than the slow one's whole answer.
      expect(urls(capacityAwareStrategy.order([slow, measured('fast', { inFlight: 40, capacity: 4 })], 0))).toEqual(['slow', 'fast']);
    });

    it('keeps a conversation where its prefix is cached, and moves it when the queue there costs more than the cache saves', () => {
      const holder = (inFlight: number): RouteCandidate => measured('holder', { cachedTokens: 380, inFlight });
      const other = measured('other');
      expect(urls(capacityAwareStrategy.order([other, holder(0)], 0))).toEqual(['holder', 'other']);
      // One ahead: 60 + 45 = 105 < 140, still worth waiting for the cache.
      expect(urls(capacityAwareStrategy.order([other, holder(1)], 0))).toEqual(['holder', 'other']);
      // Two ahead: 120 + 45 = 165 > 140: stickiness yields to load.
      expect(urls(capacityAwareStrategy.order([other, holder(2)], 0))).toEqual(['other', 'holder']);
    });

    it('charges a move to a saturated server the prompt processing it adds there', () => {
      // 'other' is busy too (1 in flight on 1 slot): 60 + 140 = 200, plus 380 x 0.25 = 95 for the cache it forgoes.
      const other = measured('other', { inFlight: 1 });
      expect(urls(capacityAwareStrategy.order([other, measured('holder', { cachedTokens: 380, inFlight: 3 })], 0))).toEqual(['holder', 'other']);
      expect(urls(capacityAwareStrategy.order([other, measured('holder', { cachedTokens: 380, inFlight: 5 })], 0))).toEqual(['other', 'holder']);
    });

    it('explores an idle unmeasured server once, and spreads by load when nothing is measured', () => {
      expect(urls(capacityAwareStrategy.order([measured('a'), c('new')], 0))).toEqual(['new', 'a']);
      expect(urls(capacityAwareStrategy.order([measured('a', { inFlight: 5 }), c('new', { inFlight: 1 })], 0))).toEqual(['a', 'new']);
      expect(urls(capacityAwareStrategy.order([c('a', { inFlight: 2 }), c('b', { inFlight: 2, capacity: 4 })], 0))).toEqual(['b', 'a']);
    });
  });
});
