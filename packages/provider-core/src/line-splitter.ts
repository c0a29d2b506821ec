/**
 * Splits a byte stream into text lines in linear time. Line breaks are found on the bytes (LF, with a CR before
 * it removed), so a UTF-8 sequence split across reads is never decoded in halves, and each read is decoded once:
 * the complete-line region of a chunk is decoded in one call and split as a string. Only the unfinished tail of a
 * read is kept (as a view, not a copy) until the next one. A lone CR is not a line break.
 */
// One decoder for every splitter: each push() / end() leaves it flushed (the last decode() call of each is not
// in streaming mode), so no state leaks between splitters, and no decoder is built per request.
const sharedDecoder = new TextDecoder();

export class LineSplitter {
  readonly #decoder = sharedDecoder;
  #pending: Uint8Array[] = [];

  /** Calls `onLine` for every complete line in `chunk` (plus bytes held from earlier chunks), without its line break. */
  push(chunk: Uint8Array, onLine: (line: string) => void): void {
    this.pushRanges(chunk, (text, start, end) => onLine(start === end ? '' : text.slice(start, end)));
  }

  /**
   * Like {@link push}, but hands out each line as a range of a decoded string (`text.slice(start, end)` is the
   * line), so a parser that needs only part of a line slices once.
   */
  pushRanges(chunk: Uint8Array, onRange: (text: string, start: number, end: number) => void): void {
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      if (chunk.length > 0) this.#pending.push(chunk);
      return;
    }
    let text: string;
    if (this.#pending.length === 0) {
      text = this.#decoder.decode(last === chunk.length - 1 ? chunk : chunk.subarray(0, last + 1));
    } else {
      text = '';
      for (const piece of this.#pending) text += this.#decoder.decode(piece, { stream: true });
      this.#pending = [];
      text += this.#decoder.decode(chunk.subarray(0, last + 1));
    }
    if (last < chunk.length - 1) this.#pending.push(chunk.subarray(last + 1));
    let start = 0;
    const end = text.length;
    while (start < end) {
      const newline = text.indexOf('\n', start);
      const lineEnd = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      onRange(text, start, lineEnd);
      start = newline + 1;
    }
  }

  /** Flushes an unterminated last line, if any. */
  end(onLine: (line: string) => void): void {
    if (this.#pending.length === 0) return;
    let text = '';
    for (const piece of this.#pending) text += this.#decoder.decode(piece, { stream: true });
    text += this.#decoder.decode();
    this.#pending = [];
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.length > 0) onLine(text);
  }
}
