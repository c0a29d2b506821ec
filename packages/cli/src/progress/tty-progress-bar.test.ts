import type { PullProgress } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { createColors } from '../colors.js';
import { visibleLength } from '../format-table.js';
import { formatProgressBar, TtyProgressBar } from './tty-progress-bar.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

function fakeTty(columns: number): { stream: { write: (text: string) => void; isTTY: boolean; columns: number }; text: () => string; writes: string[] } {
  const writes: string[] = [];
  return { stream: { write: (text: string) => void writes.push(text), isTTY: true, columns }, text: () => writes.join(''), writes };
}

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const GB = 1_000_000_000;
const downloading = (completedBytes: number, totalBytes = 2 * GB): PullProgress => ({
  phase: 'downloading',
  status: 'pulling a1a1a1a1a1a1',
  completedBytes,
  totalBytes,
  percent: Math.round((completedBytes / totalBytes) * 1000) / 10,
});

describe('TtyProgressBar', () => {
  it('redraws one line in place with \\r, padded over the previous one, never wider than the terminal', () => {
    const tty = fakeTty(72);
    const clock = fakeClock();
    const bar = new TtyProgressBar({ stream: tty.stream, colors: createColors(false), now: clock.now });
    bar.update({ phase: 'manifest', status: 'pulling manifest', completedBytes: 0, totalBytes: 0, percent: 0 });
    for (let i = 1; i <= 20; i += 1) {
      clock.advance(500);
      bar.update(downloading(i * 50_000_000));
    }
    clock.advance(500);
    bar.update({ phase: 'verifying', status: 'verifying sha256 digest', completedBytes: GB, totalBytes: 2 * GB, percent: 50 });
    bar.end();
    const text = tty.text();
    expect(tty.writes.every((w, i) => (i === tty.writes.length - 1 ? w === '\n' : w.startsWith('\r')))).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    const frames = text.slice(1, -1).split('\r');
    expect(frames).toHaveLength(22);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(71);
    expect(frames[0]).toBe('manifest    pulling manifest');
    // 20 updates at 500 ms steps of 50 MB: 100 MB/s; at 1.0 GB of 2 GB, 10 s are left.
    expect(frames[20]).toMatch(/^downloading █+░+ {3}50\.0% {2}1\.0 GB \/ 2\.0 GB {2}100 MB\/s {2}ETA 0:10$/);
    expect(visibleLength(frames[20]!)).toBeLessThanOrEqual(71);
    // The bar keeps its width while it fills, also before speed and ETA are known.
    const barWidths = new Set(frames.slice(1, 21).map((frame) => /[█░]+/.exec(frame)![0].length));
    expect(barWidths.size).toBe(1);
    // The verifying frame is shorter than the one before: spaces cover the rest of the old line.
    const verifying = frames[21]!;
    expect(verifying.trimEnd()).toMatch(/^verifying {3}█+░+ {3}50\.0% {2}1\.0 GB \/ 2\.0 GB$/);
    expect(verifying.length).toBe(frames[20]!.length);
  });

  it('draws at most every 100 ms within a phase, always on a phase change, and the latest state at the end', () => {
    const tty = fakeTty(80);
    const clock = fakeClock();
    const bar = new TtyProgressBar({ stream: tty.stream, colors: createColors(false), now: clock.now });
    for (let i = 1; i <= 100; i += 1) {
      clock.advance(10);
      bar.update(downloading(i * 10_000_000));
    }
    // 1 s of updates every 10 ms: the first draws, then one per 100 ms.
    expect(tty.writes.length).toBeGreaterThanOrEqual(9);
    expect(tty.writes.length).toBeLessThanOrEqual(11);
    const before = tty.writes.length;
    bar.update({ phase: 'success', status: 'success', completedBytes: 2 * GB, totalBytes: 2 * GB, percent: 100 });
    expect(tty.writes.length).toBe(before + 1);
    expect(tty.writes.at(-1)).toContain('100.0%');
    const throttled = fakeTty(80);
    const quick = new TtyProgressBar({ stream: throttled.stream, colors: createColors(false), now: () => 0 });
    quick.update(downloading(1));
    quick.update(downloading(GB));
    expect(throttled.writes).toHaveLength(1);
    quick.end();
    expect(throttled.writes.slice(1)).toEqual([expect.stringContaining('50.0%'), '\n']);
  });

  it('drops ETA, speed and bytes on a narrow terminal and still fits', () => {
    const progress = downloading(GB);
    const estimate = { bytesPerSecond: 50_000_000, etaSeconds: 20 };
    const wide = formatProgressBar(progress, estimate, 100, createColors(false));
    expect(wide).toContain('ETA 0:20');
    expect(wide).toContain('50 MB/s');
    const narrow = formatProgressBar(progress, estimate, 45, createColors(false));
    expect(narrow.length).toBeLessThanOrEqual(45);
    expect(narrow).not.toContain('ETA');
    expect(narrow).toContain('50.0%');
    const tiny = formatProgressBar(progress, estimate, 19, createColors(false));
    expect(tiny.length).toBeLessThanOrEqual(19);
    expect(tiny).toContain('50.0%');
    const status = formatProgressBar({ phase: 'writing', status: 'writing manifest '.repeat(5), completedBytes: 0, totalBytes: 0, percent: 0 }, {}, 30, createColors(false));
    expect(status.length).toBeLessThanOrEqual(30);
    expect(status.endsWith('…')).toBe(true);
  });

  it('colours only when colours are on; the visible width is the same', () => {
    const progress = downloading(GB);
    const plain = formatProgressBar(progress, {}, 80, createColors(false));
    const coloured = formatProgressBar(progress, {}, 80, createColors(true));
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toMatch(ANSI);
    expect(visibleLength(coloured)).toBe(plain.length);
  });

  it('ends a failed pull with a newline so that the error starts on its own line, and writes nothing when nothing was drawn', () => {
    const tty = fakeTty(80);
    const bar = new TtyProgressBar({ stream: tty.stream, colors: createColors(false), now: () => 0 });
    bar.end();
    expect(tty.writes).toEqual([]);
    bar.update(downloading(GB));
    bar.end();
    expect(tty.text()).toMatch(/^\r.*\n$/);
  });
});
