import { describe, expect, it } from 'vitest';
import { percentile, SlidingWindow } from './sliding-window.js';

describe('SlidingWindow', () => {
  it('computes nearest-rank p50 and p95', () => {
    const window = new SlidingWindow(1_000);
    for (let i = 1; i <= 100; i += 1) window.add(i);
    expect(window.stats()).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, min: 1, max: 100 });
    expect(percentile([], 0.5)).toBeUndefined();
  });

  it('keeps only the last maxSamples values', () => {
    const window = new SlidingWindow(3);
    for (const v of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) window.add(v);
    expect(window.values()).toEqual([8, 9, 10]);
  });

  it('drops values older than maxAgeMs', () => {
    let t = 0;
    const window = new SlidingWindow(100, 1_000, () => t);
    window.add(1);
    t = 600;
    window.add(2);
    t = 1_200;
    expect(window.values()).toEqual([2]);
    t = 5_000;
    expect(window.stats()).toEqual({ count: 0 });
  });

  it('ignores non-finite values', () => {
    const window = new SlidingWindow();
    window.add(Number.NaN);
    window.add(Number.POSITIVE_INFINITY);
    expect(window.stats().count).toBe(0);
  });
});
