import { SamusError } from '@samus/kernel';

/**
 * Splits a byte stream into text lines in linear time. Line breaks are found on the bytes (LF, with a CR before
 * it removed), so a UTF-8 sequence split across reads is never decoded in halves, and each read is decoded once:
 * the complete-line region of a chunk is decoded in one call and split as a string. Only the unfinished tail of a
 * read is kept (as a view, not a copy) until the next one. A lone CR is not a line break.
 */
// One decoder for every splitter: each push() / end() leaves it flushed (the last decode() call of each is not
// in streaming mode), so no state leaks between splitters, and no decoder is built per request.
const sharedDecoder = new TextDecoder();

/** Default longest line (8 MiB): a server that sends more without a line break is cut off. */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

/** The error for a line (or SSE event) over the limit. */
export function lineTooLong(maxLineBytes: number): SamusError {
  return new SamusError('SAMUS_ERR_LIMIT_EXCEEDED', `The server sent a line or event longer than ${maxLineBytes} bytes (limits.maxLineBytes)`, {
    details: { limit: 'maxLineBytes', limitBytes: maxLineBytes },
  });
}

export class LineSplitter {
  readonly #decoder = sharedDecoder;
  readonly #maxLineBytes: number;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  // The decoded complete-line region of the last chunk and how far it was handed out.
  #text = '';
  #position = 0;

  /** `maxLineBytes`: the longest line accepted (default 8 MiB; `0` = no limit); a longer one throws `SAMUS_ERR_LIMIT_EXCEEDED`. */
  constructor(options: { maxLineBytes?: number } = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Calls `onLine` for every complete line in `chunk` (plus bytes held from earlier chunks), without its line break. */
  push(chunk: Uint8Array, onLine: (line: string) => void): void {
    this.pushRanges(chunk, (text, start, end) => onLine(start === end ? '' : text.slice(start, end)));
  }

  /**
   * Like {@link push}, but hands out each line as a range of a decoded string (`text.slice(start, end)` is the
   * line), so a parser that needs only part of a line slices once. When `onRange` returns `true` the splitter
   * pauses: the rest of the chunk stays loaded and {@link resume} continues with the next line (so a consumer can
   * turn lines into objects one at a time, as they are needed).
   */
  pushRanges(chunk: Uint8Array, onRange: (text: string, start: number, end: number) => boolean | void): void {
    // Whatever is still loaded comes first (callers normally resume until done before pushing more).
    if (this.#position < this.#text.length) this.#drain(onRange, false);
    const last = chunk.lastIndexOf(10);
    const max = this.#maxLineBytes;
    if (last === -1) {
      if (chunk.length > 0) {
        this.#pendingBytes += chunk.length;
        if (max > 0 && this.#pendingBytes > max) throw lineTooLong(max);
        this.#pending.push(chunk);
      }
      return;
    }
    if (max > 0 && this.#pendingBytes > 0 && this.#pendingBytes + chunk.indexOf(10) > max) throw lineTooLong(max);
    let text: string;
    if (this.#pending.length === 0) {
      text = this.#decoder.decode(last === chunk.length - 1 ? chunk : chunk.subarray(0, last + 1));
    } else {
      text = '';
      for (const piece of this.#pending) text += this.#decoder.decode(piece, { stream: true });
      this.#pending = [];
      this.#pendingBytes = 0;
      text += this.#decoder.decode(chunk.subarray(0, last + 1));
    }
    if (last < chunk.length - 1) {
      const tail = chunk.subarray(last + 1);
      if (max > 0 && tail.length > max) throw lineTooLong(max);
      this.#pending.push(tail);
      this.#pendingBytes = tail.length;
    }
    this.#text = text;
    this.#position = 0;
    this.#drain(onRange, true);
  }

  /** True while lines of the last chunk are loaded but not handed out (after `onRange` asked to pause). */
  get paused(): boolean {
    return this.#position < this.#text.length;
  }

  /** Continues handing out the loaded lines, pausing again when `onRange` returns `true`. */
  resume(onRange: (text: string, start: number, end: number) => boolean | void): void {
    this.#drain(onRange, true);
  }

  #drain(onRange: (text: string, start: number, end: number) => boolean | void, pausable: boolean): void {
    const text = this.#text;
    const end = text.length;
    let start = this.#position;
    while (start < end) {
      const newline = text.indexOf('\n', start);
      if (this.#maxLineBytes > 0 && newline - start > this.#maxLineBytes) throw lineTooLong(this.#maxLineBytes);
      const lineEnd = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      if (onRange(text, start, lineEnd) === true && pausable) {
        this.#position = newline + 1;
        return;
      }
      start = newline + 1;
    }
    this.#text = '';
    this.#position = 0;
  }

  /** Flushes loaded lines (without pausing) and an unterminated last line, if any. */
  end(onLine: (line: string) => void): void {
    if (this.#position < this.#text.length) this.#drain((text, start, end) => onLine(start === end ? '' : text.slice(start, end)), false);
    if (this.#pending.length === 0) return;
    let text = '';
    for (const piece of this.#pending) text += this.#decoder.decode(piece, { stream: true });
    text += this.#decoder.decode();
    this.#pending = [];
    this.#pendingBytes = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.length > 0) onLine(text);
  }
}
