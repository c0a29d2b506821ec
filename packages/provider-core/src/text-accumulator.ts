/**
 * Collects streamed text pieces (the partial answer for `SAMUS_ERR_STREAM_INTERRUPTED`) without keeping one live
 * string per chunk: pieces are batched and folded into one string every 256, so a long stream keeps a handful of
 * objects alive instead of one per delta (much less work for V8's garbage collector on hot streaming paths).
 */
export class TextAccumulator {
  readonly #limit: number;
  #pieces: string[] = [];
  #folded = '';
  #length = 0;

  /** @param limit characters after which further pieces are dropped (default: no limit) */
  constructor(limit = Number.POSITIVE_INFINITY) {
    this.#limit = limit;
  }

  /** Appends `text` unless the limit has been reached. */
  push(text: string): void {
    if (this.#length >= this.#limit) return;
    this.#length += text.length;
    if (this.#pieces.push(text) === 256) this.#fold();
  }

  /** Everything pushed so far. */
  get text(): string {
    if (this.#pieces.length > 0) this.#fold();
    return this.#folded;
  }

  #fold(): void {
    this.#folded += this.#pieces.join('');
    this.#pieces.length = 0;
  }
}
