import { DEFAULT_MAX_LINE_BYTES, LineSplitter, lineTooLong } from './line-splitter.js';

/**
 * Receives each dispatched event: its `data:` lines joined with `\n`, and its `event:` name if any. Returning
 * `true` pauses the parser until {@link SseParser.resume}.
 */
export type SseEventHandler = (data: string, event: string | undefined) => boolean | void;

/**
 * A linear-time server-sent-events parser on top of {@link LineSplitter}. Follows the WHATWG rules that matter for
 * LLM servers: `data:` lines (with or without the space) are joined with `\n`, a blank line dispatches the event,
 * `:` comment / keep-alive lines and `id:` / `retry:` fields are ignored. A final event without its blank line is
 * still dispatched at the end of the stream (servers that close right after the last `data:` line).
 */
export class SseParser {
  readonly #lines: LineSplitter;
  readonly #maxEventBytes: number;
  readonly #onEvent: SseEventHandler;
  #data: string | undefined;
  #endedMidLine = false;
  #event: string | undefined;
  readonly #onLine = (line: string): void => {
    this.#line(line, 0, line.length);
  };
  readonly #onRange = (text: string, start: number, end: number): boolean => this.#line(text, start, end);

  /** `maxLineBytes`: the longest line and the longest event (all its `data:` lines), default 8 MiB. */
  constructor(onEvent: SseEventHandler, options: { maxLineBytes?: number } = {}) {
    this.#onEvent = onEvent;
    this.#maxEventBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.#lines = new LineSplitter({ maxLineBytes: this.#maxEventBytes });
  }

  /** Feeds one chunk of the body. */
  push(chunk: Uint8Array): void {
    this.#lines.pushRanges(chunk, this.#onRange);
  }

  /** True once {@link end} found the body ending in the middle of a line (no line break after its last bytes). */
  get endedMidLine(): boolean {
    return this.#endedMidLine;
  }

  /** True when the handler paused the parser with events of the last chunk still to come. */
  get paused(): boolean {
    return this.#lines.paused;
  }

  /** Continues after a pause. */
  resume(): void {
    this.#lines.resume(this.#onRange);
  }

  /**
   * Ends the stream: flushes an unterminated line and a pending event. Whether the body ended in the middle of a line
   * is kept in {@link endedMidLine} (a decoder that cannot read that last event knows it was cut off, not invalid).
   */
  end(): void {
    this.#lines.end((line) => {
      this.#endedMidLine = true;
      this.#onLine(line);
    });
    this.#dispatch();
  }

  #line(text: string, start: number, end: number): boolean {
    if (start === end) return this.#dispatch();
    const first = text.charCodeAt(start);
    if (first === 100 /* d */ && text.startsWith('data:', start)) {
      const value = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end);
      this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
      if (this.#maxEventBytes > 0 && this.#data.length > this.#maxEventBytes) throw lineTooLong(this.#maxEventBytes);
      return false;
    }
    if (first === 101 /* e */ && text.startsWith('event:', start)) {
      this.#event = text.slice(text.charCodeAt(start + 6) === 32 ? start + 7 : start + 6, end);
    }
    // `:` comments and other fields are ignored.
    return false;
  }

  #dispatch(): boolean {
    const data = this.#data;
    if (data === undefined) {
      this.#event = undefined;
      return false;
    }
    const event = this.#event;
    this.#data = undefined;
    this.#event = undefined;
    return this.#onEvent(data, event) === true;
  }
}
