import { pullProgressSchema } from '@samus/kernel/schemas';
import { describe, expect, it } from 'vitest';
import { PullProgressTracker } from './ollama-pull-progress.js';

describe('PullProgressTracker', () => {
  it('should sum bytes over distinct digests of interleaved layers and end at 100% success', () => {
    const tracker = new PullProgressTracker();
    const lines = [
      { status: 'pulling manifest' },
      { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:a', total: 1000 },
      { status: 'pulling bbbbbbbbbbbb', digest: 'sha256:b', total: 3000 },
      { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:a', total: 1000, completed: 500 },
      { status: 'pulling bbbbbbbbbbbb', digest: 'sha256:b', total: 3000, completed: 1500 },
      { status: 'pulling aaaaaaaaaaaa', digest: 'sha256:a', total: 1000, completed: 1000 },
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'removing unused layers' },
      { status: 'success' },
    ];
    const progress = lines.map((line) => pullProgressSchema.parse(tracker.update(line)));
    expect(progress[0]).toMatchObject({ phase: 'manifest', completedBytes: 0, totalBytes: 0, percent: 0 });
    expect(progress[2]).toMatchObject({ phase: 'downloading', completedBytes: 0, totalBytes: 4000, percent: 0 });
    expect(progress[4]).toMatchObject({ completedBytes: 2000, totalBytes: 4000, percent: 50 });
    expect(progress[5]).toMatchObject({ completedBytes: 2500, percent: 62.5 });
    expect(progress.slice(6).map((entry) => entry.phase)).toEqual(['verifying', 'writing', 'cleanup', 'success']);
    expect(progress.at(-1)!.percent).toBe(100);
    const percents = progress.map((entry) => entry.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });
});
