import type { PullProgress } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { PlainProgressLines } from './plain-progress-lines.js';

// Any control character but the newline that ends each line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('PlainProgressLines', () => {
  it('writes whole lines without control characters: one per phase change, at most one per interval within a phase', () => {
    let out = '';
    let t = 0;
    const lines = new PlainProgressLines({ stream: { write: (text: string) => (out += text) }, now: () => t, intervalMs: 3_000 });
    lines.update({ phase: 'manifest', status: 'pulling manifest', completedBytes: 0, totalBytes: 0, percent: 0 });
    for (let i = 1; i <= 100; i += 1) {
      t += 100;
      const completedBytes = i * 10_000_000;
      lines.update({ phase: 'downloading', status: 'pulling a1', completedBytes, totalBytes: 1_000_000_000, percent: completedBytes / 10_000_000 });
    }
    const done: PullProgress = { phase: 'success', status: 'success', completedBytes: 1_000_000_000, totalBytes: 1_000_000_000, percent: 100 };
    lines.update({ ...done, phase: 'verifying', status: 'verifying sha256 digest' });
    lines.update(done);
    lines.end();
    expect(out).not.toMatch(CONTROL);
    const written = out.trimEnd().split('\n');
    // manifest, downloading at 0 s, 3 s, 6 s, 9 s (10 s of updates), verifying, success.
    expect(written).toHaveLength(7);
    expect(written[0]).toBe('manifest pulling manifest');
    expect(written[1]).toBe('downloading  1.0%  10 MB / 1.0 GB');
    expect(written[2]).toMatch(/^downloading {2}31\.0% {2}310 MB \/ 1\.0 GB {2}100 MB\/s {2}ETA 0:07$/);
    expect(written.at(-2)).toBe('verifying  100.0%  1.0 GB / 1.0 GB');
    expect(written.at(-1)).toBe('success  100.0%  1.0 GB / 1.0 GB');
  });
});
