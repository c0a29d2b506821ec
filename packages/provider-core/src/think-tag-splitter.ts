/** A piece of model output, classified as reasoning (`thought`) or answer. */
export interface ThinkSegment {
  text: string;
  thought: boolean;
}

/** Options of {@link ThinkTagSplitter}. */
export interface ThinkTagSplitterOptions {
  /** Opening tag; default `<think>`. */
  openTag?: string;
  /** Closing tag; default `</think>`. */
  closeTag?: string;
  /** Output starts inside the reasoning block (the chat template opened it in the prompt). Default `false`. */
  startsOpen?: boolean;
  /** `false` turns tag parsing off: every text is answer text, tags included. Default `true`. */
  enabled?: boolean;
  /** Tags are honoured only before the answer starts (see {@link ThinkTagSplitter.leadingOnly}). Default `false`. */
  leadingOnly?: boolean;
}

/**
 * Splits streamed text into reasoning and answer at `<think>` / `</think>` tags, which local models emit inline.
 * Tags may be split across chunks: a possible tag prefix at the end of a chunk is held back until the next one.
 * A closing tag without an opening one means the output started inside the reasoning block (templates that open
 * it in the prompt): text before it in that chunk becomes a thought. Text already returned for earlier chunks
 * cannot be reclassified in a stream; {@link ThinkTagSplitter.splitComplete} does that for whole texts, and
 * `startsOpen` covers servers known to do this. Chunks without `<` take a fast path (one `indexOf`).
 */
export class ThinkTagSplitter {
  readonly #open: string;
  readonly #close: string;
  #inThought: boolean;
  #seenOpen = false;
  #held = '';
  #disabled: boolean;
  /** Tags only before the answer (see {@link leadingOnly}). */
  #leading: boolean;
  /** Non-whitespace answer text was handed out. */
  #answered = false;

  constructor(options: ThinkTagSplitterOptions = {}) {
    this.#open = options.openTag || '<think>';
    this.#close = options.closeTag || '</think>';
    this.#disabled = options.enabled === false;
    this.#leading = options.leadingOnly ?? false;
    this.#inThought = !this.#disabled && (options.startsOpen ?? false);
    this.#seenOpen = this.#inThought;
  }

  /** True once tag parsing is off (option `enabled: false`, or after the leading block once {@link leadingOnly} applies). */
  get disabled(): boolean {
    return this.#disabled;
  }

  /**
   * The server sends its reasoning in a structured field (`reasoning_content`, typed `thinking` parts): tags are
   * honoured only before the answer starts (a leading `<think>…</think>` block, or a stray `</think>`), never
   * re-entered after it. If answer text was already handed out, parsing stops now. Returns held-back text.
   */
  leadingOnly(): ThinkSegment[] {
    this.#leading = true;
    if (!this.#answered) return [];
    return this.#disable();
  }

  #disable(): ThinkSegment[] {
    const held = this.#held;
    this.#held = '';
    this.#disabled = true;
    const wasThought = this.#inThought;
    this.#inThought = false;
    return held.length === 0 ? [] : [{ text: held, thought: wasThought }];
  }

  /** True while inside a reasoning block. */
  get inThought(): boolean {
    return this.#inThought;
  }

  /**
   * True when `text` contains no tag and nothing is held back, so all of it belongs to the current mode
   * ({@link inThought}) and {@link push} need not be called: the allocation-free fast path for hot loops.
   */
  isPlain(text: string): boolean {
    return this.#held.length === 0 && (this.#disabled || (text.indexOf(this.#open[0]!) === -1 && text.indexOf(this.#close[0]!) === -1));
  }

  /**
   * Classifies the next piece of text. Returns the segments that are decided (empty when everything is held
   * back as a possible tag prefix).
   */
  push(text: string): ThinkSegment[] {
    if (this.#held.length === 0 && (this.#disabled || (text.indexOf(this.#open[0]!) === -1 && text.indexOf(this.#close[0]!) === -1))) {
      if (text.length === 0) return [];
      if (!this.#inThought && !this.#answered && text.trim() !== '') this.#answer();
      return [{ text, thought: this.#inThought }];
    }
    let input = this.#held + text;
    this.#held = '';
    const segments: ThinkSegment[] = [];
    for (;;) {
      if (this.#disabled) {
        if (input.length > 0) segments.push({ text: input, thought: false });
        return segments;
      }
      const tag = this.#inThought ? this.#close : this.#open;
      const index = input.indexOf(tag);
      // A closing tag while outside a block that never opened: the reasoning started before our output.
      const strayClose = !this.#inThought && !this.#seenOpen && !this.#answered ? input.indexOf(this.#close) : -1;
      if (strayClose !== -1 && (index === -1 || strayClose < index)) {
        if (strayClose > 0) segments.push({ text: input.slice(0, strayClose), thought: true });
        input = input.slice(strayClose + this.#close.length);
        this.#seenOpen = true;
        if (this.#leading) this.#disabled = true;
        continue;
      }
      if (index === -1) {
        const keep = this.#partialTagLength(input);
        const emit = keep === 0 ? input : input.slice(0, input.length - keep);
        if (keep > 0) this.#held = input.slice(input.length - keep);
        if (emit.length > 0) {
          segments.push({ text: emit, thought: this.#inThought });
          if (!this.#inThought && emit.trim() !== '') this.#answer();
          if (this.#disabled && this.#held !== '') {
            segments.push({ text: this.#held, thought: false });
            this.#held = '';
          }
        }
        return segments;
      }
      if (index > 0) {
        const before = input.slice(0, index);
        segments.push({ text: before, thought: this.#inThought });
        if (!this.#inThought && before.trim() !== '') {
          this.#answer();
          if (this.#disabled) {
            segments.push({ text: input.slice(index), thought: false });
            return segments;
          }
        }
      }
      input = input.slice(index + tag.length);
      if (!this.#inThought) this.#seenOpen = true;
      this.#inThought = !this.#inThought;
      // The leading block closed: with structured reasoning, nothing after it is a tag.
      if (!this.#inThought && this.#leading) this.#disabled = true;
    }
  }

  /** Non-whitespace answer text was handed out (then, with {@link leadingOnly}, tags are text). */
  get answered(): boolean {
    return this.#answered;
  }

  /** Tells the splitter that answer text bypassed {@link push} (the {@link isPlain} fast path). */
  markAnswered(): void {
    if (!this.#answered) this.#answer();
  }

  /** Answer text was handed out: with {@link leadingOnly}, tags are text from now on. */
  #answer(): void {
    this.#answered = true;
    if (this.#leading) this.#disabled = true;
  }

  /** Returns held-back text at the end of the stream. */
  flush(): ThinkSegment[] {
    const held = this.#held;
    this.#held = '';
    return held.length === 0 ? [] : [{ text: held, thought: this.#inThought }];
  }

  /**
   * Splits a complete text (a non-streamed answer). Unlike streaming, a missing opening tag reclassifies
   * everything before the first `</think>` as reasoning.
   */
  static splitComplete(text: string, options: ThinkTagSplitterOptions = {}): ThinkSegment[] {
    const splitter = new ThinkTagSplitter(options);
    const segments = [...splitter.push(text), ...splitter.flush()];
    const merged: ThinkSegment[] = [];
    for (const segment of segments) {
      const previous = merged.at(-1);
      if (previous && previous.thought === segment.thought) previous.text += segment.text;
      else merged.push({ ...segment });
    }
    return merged;
  }

  /** Length of the longest suffix of `input` that is a proper prefix of a tag we could see next. */
  #partialTagLength(input: string): number {
    const candidates = this.#inThought ? [this.#close] : this.#seenOpen ? [this.#open] : [this.#open, this.#close];
    let longest = 0;
    for (const tag of candidates) {
      for (let length = Math.min(tag.length - 1, input.length); length > longest; length--) {
        if (input.endsWith(tag.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
