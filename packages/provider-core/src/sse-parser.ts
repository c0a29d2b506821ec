import { LineSplitter } from './line-splitter.js';

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
  readonly #lines = new LineSplitter();
  readonly #onEvent: SseEventHandler;
  #data: string | undefined;
  #event: string | undefined;
  readonly #onLine = (line: string): void => {
    this.#line(line, 0, line.length);
  };
  readonly #onRange = (text: string, start: number, end: number): boolean => this.#line(text, start, end);

  constructor(onEvent: SseEventHandler) {
    this.#onEvent = onEvent;
  }

  /** Feeds one chunk of the body. */
  push(chunk: Uint8Array): void {
    this.#lines.pushRanges(chunk, this.#onRange);
  }

  /** True when the handler paused the parser with events of the last chunk still to come. */
  get paused(): boolean {
    return this.#lines.paused;
  }

  /** Continues after a pause. */
  resume(): void {
    this.#lines.resume(this.#onRange);
  }

  /** Ends the stream: flushes an unterminated line and a pending event. */
  end(): void {
    this.#lines.end(this.#onLine);
    this.#dispatch();
  }

  #line(text: string, start: number, end: number): boolean {
    if (start === end) return this.#dispatch();
    const first = text.charCodeAt(start);
    if (first === 100 /* d */ && text.startsWith('data:', start)) {
      const value = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end);
      this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
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
