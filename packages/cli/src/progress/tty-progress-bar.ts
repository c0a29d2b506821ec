import type { PullProgress } from '@samus/kernel';
import type { CliStream } from '../cli-io.js';
import type { Colors } from '../colors.js';
import { visibleLength } from '../format-table.js';
import { progressParts } from './progress-parts.js';
import type { ProgressRenderer } from './progress-renderer.js';
import { TransferMeter, type TransferEstimate } from './transfer-meter.js';

/** Options of {@link TtyProgressBar}. */
export interface TtyProgressBarOptions {
  /** The terminal stream (stderr). Its `columns` sets the width (default 80). */
  stream: CliStream;
  colors: Colors;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
  /** Least time between two redraws in ms (default 100: at most ~10 redraws per second). Phase changes always draw. */
  minIntervalMs?: number;
}

const LABEL_WIDTH = 11;
const MAX_BAR = 40;
const MIN_BAR = 10;

/**
 * Formats one bar line that fits `width` visible characters:
 * `downloading ██████░░░░  45.2%  1.2 GB / 2.0 GB  35 MB/s  ETA 0:23`. ETA, speed and bytes are dropped (in that
 * order) when the terminal is too narrow for them and a bar of 10.
 */
export function formatProgressBar(progress: PullProgress, estimate: TransferEstimate, width: number, colors: Colors): string {
  const parts = progressParts(progress, estimate);
  const done = progress.phase === 'success';
  const label = (done ? colors.green : colors.cyan)(parts.phase.padEnd(LABEL_WIDTH));
  if (!parts.hasBytes && !done) return `${label} ${fit(parts.status, width - LABEL_WIDTH - 1)}`;
  // Room is reserved for each piece (even before speed and ETA are known), so the bar keeps its width while it fills.
  const pieces = [
    { text: parts.percent, reserve: 6 },
    { text: parts.bytes, reserve: 15 },
    { text: parts.speed, reserve: done ? 0 : 8 },
    { text: parts.eta, reserve: done ? 0 : 8 },
  ];
  const room = (kept: readonly { text: string; reserve: number }[]): number =>
    width - LABEL_WIDTH - 1 - kept.reduce((sum, piece) => sum + (piece.text === '' && piece.reserve === 0 ? 0 : 2 + Math.max(piece.text.length, piece.reserve)), 0);
  while (pieces.length > 1 && room(pieces) < MIN_BAR) pieces.pop();
  const barWidth = Math.min(MAX_BAR, room(pieces));
  if (barWidth < 3) return `${label} ${parts.percent.trim()}`;
  const filled = Math.round((Math.min(100, Math.max(0, progress.percent)) / 100) * barWidth);
  const paint = (style: (text: string) => string, text: string): string => (text === '' ? '' : style(text));
  const bar = paint(done ? colors.green : colors.cyan, '█'.repeat(filled)) + paint(colors.dim, '░'.repeat(barWidth - filled));
  const [percent, ...rest] = pieces.map((piece) => piece.text).filter((text) => text !== '');
  return `${label} ${bar}  ${percent}${rest.map((piece) => `  ${colors.dim(piece)}`).join('')}`;
}

/** Cuts plain text to `width` characters. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  return `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * A progress bar redrawn in place on a terminal: every redraw starts with `\r` and is padded with spaces over what the
 * previous one left, never wider than the terminal (so it never wraps). Redraws at most every `minIntervalMs`.
 */
export class TtyProgressBar implements ProgressRenderer {
  readonly #stream: CliStream;
  readonly #colors: Colors;
  readonly #now: () => number;
  readonly #minIntervalMs: number;
  readonly #meter: TransferMeter;
  #latest: { progress: PullProgress; estimate: TransferEstimate } | undefined;
  #dirty = false;
  #drawnWidth = 0;
  #drawn = false;
  #lastDrawAt = Number.NEGATIVE_INFINITY;
  #lastPhase: string | undefined;

  constructor(options: TtyProgressBarOptions) {
    this.#stream = options.stream;
    this.#colors = options.colors;
    this.#now = options.now ?? (() => performance.now());
    this.#minIntervalMs = options.minIntervalMs ?? 100;
    this.#meter = new TransferMeter({ now: this.#now });
  }

  update(progress: PullProgress): void {
    this.#latest = { progress, estimate: this.#meter.sample(progress.completedBytes, progress.totalBytes) };
    this.#dirty = true;
    const now = this.#now();
    if (progress.phase === this.#lastPhase && now - this.#lastDrawAt < this.#minIntervalMs) return;
    this.#draw(now);
  }

  end(): void {
    if (this.#dirty) this.#draw(this.#now());
    if (this.#drawn) this.#stream.write('\n');
    this.#drawn = false;
    this.#drawnWidth = 0;
  }

  #draw(now: number): void {
    if (!this.#latest) return;
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    const line = formatProgressBar(this.#latest.progress, this.#latest.estimate, width, this.#colors);
    const visible = visibleLength(line);
    this.#stream.write(`\r${line}${' '.repeat(Math.max(0, this.#drawnWidth - visible))}`);
    this.#drawnWidth = visible;
    this.#drawn = true;
    this.#dirty = false;
    this.#lastDrawAt = now;
    this.#lastPhase = this.#latest.progress.phase;
  }
}
