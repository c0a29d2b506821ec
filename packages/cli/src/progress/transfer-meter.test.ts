import { describe, expect, it } from 'vitest';
import { formatDuration } from '../format-duration.js';
import { TransferMeter } from './transfer-meter.js';

describe('TransferMeter', () => {
  it('measures over a sliding window, estimates the time left, and starts again when the bytes go back', () => {
    let t = 0;
    const meter = new TransferMeter({ now: () => t, windowMs: 2_000 });
    expect(meter.sample(0, 1_000)).toEqual({});
    t = 100;
    expect(meter.sample(10, 1_000)).toEqual({});
    t = 1_000;
    expect(meter.sample(100, 1_000)).toEqual({ bytesPerSecond: 100, etaSeconds: 9 });
    // Ten times faster for the last 2 s: the window forgets the slow start.
    for (let i = 1; i <= 4; i += 1) {
      t += 500;
      meter.sample(100 + i * 500, 3_000);
    }
    expect(meter.sample(2_100, 3_000).bytesPerSecond).toBeCloseTo(1_000, 0);
    t += 500;
    expect(meter.sample(50, 3_000)).toEqual({});
    t += 1_000;
    expect(meter.sample(50, 3_000)).toEqual({ bytesPerSecond: 0 });
  });
});

describe('formatDuration', () => {
  it('prints m:ss, h:mm:ss, and — for unknown', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(205)).toBe('3:25');
    expect(formatDuration(3_723)).toBe('1:02:03');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
