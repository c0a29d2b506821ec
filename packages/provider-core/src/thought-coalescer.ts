import { createGenerateContentResponse, type GenerateContentResponse, type Part } from '@samus/kernel';

/** Characters of thought text held back at most before a thought part is handed out anyway. */
export const THOUGHT_BUFFER_LIMIT = 64 * 1024;

function isThought(part: Part): boolean {
  return part.thought === true && typeof part.text === 'string';
}

/**
 * Merges streamed reasoning into whole thought segments. Servers send reasoning a token or so per chunk; a host
 * such as gemini-cli turns every thought part into one "Thought" event and parses its `**subject**`, so one part
 * per token gives one event per token and no subject. Consecutive thought text is buffered and handed out as ONE
 * `{ text, thought: true }` part when the first non-thought part (answer text, a function call) arrives — in the
 * same response, before that part —, when a finish reason arrives, when the stream ends ({@link flush}), or when
 * {@link THOUGHT_BUFFER_LIMIT} characters are buffered (memory stays bounded).
 *
 * Responses without thought parts pass through untouched while nothing is buffered (the hot path allocates
 * nothing). Buffered pieces are joined once per segment, not per chunk. A response whose parts were all thoughts is
 * held back (its text is in the buffer). Responses with several candidates pass through unchanged (after a flush).
 * Responses handed to {@link push} are modified in place (their parts list is replaced), so they must not have
 * been handed out yet.
 */
export class ThoughtCoalescer {
  readonly #emit: (response: GenerateContentResponse) => void;
  readonly #limit: number;
  #pieces: string[] = [];
  #length = 0;
  #index = 0;
  #modelVersion: string | undefined;
  #responseId: string | undefined;

  /** @param emit receives the responses to hand out, in order; @param limit see {@link THOUGHT_BUFFER_LIMIT} */
  constructor(emit: (response: GenerateContentResponse) => void, limit = THOUGHT_BUFFER_LIMIT) {
    this.#emit = emit;
    this.#limit = Math.max(1, limit);
  }

  /** True while thought text is held back. */
  get buffering(): boolean {
    return this.#pieces.length > 0;
  }

  /** Takes one response from a decoder. */
  push(response: GenerateContentResponse): void {
    const candidates = response.candidates;
    if (candidates === undefined || candidates.length !== 1) {
      this.flush();
      this.#emit(response);
      return;
    }
    const candidate = candidates[0]!;
    const index = candidate.index ?? 0;
    if (this.#pieces.length > 0 && index !== this.#index) this.flush();
    const parts = candidate.content?.parts;
    const finished = candidate.finishReason !== undefined;
    if (this.#pieces.length === 0 && (parts === undefined || !parts.some(isThought))) {
      // Hot path: no thought anywhere.
      this.#emit(response);
      return;
    }
    this.#index = index;
    if (response.modelVersion !== undefined) this.#modelVersion = response.modelVersion;
    if (response.responseId !== undefined) this.#responseId = response.responseId;
    const out: Part[] = [];
    for (const part of parts ?? []) {
      if (isThought(part)) {
        this.#append(part.text!, out);
      } else {
        if (this.#pieces.length > 0) out.push(this.#take());
        out.push(part);
      }
    }
    if (finished && this.#pieces.length > 0) out.push(this.#take());
    if (out.length === 0 && !finished && response.usageMetadata === undefined) return;
    if (candidate.content) candidate.content.parts = out;
    else candidate.content = { role: 'model', parts: out };
    this.#emit(response);
  }

  /** Hands out the buffered thought text, if any, as a response of its own (at the end of a stream). */
  flush(): void {
    if (this.#pieces.length === 0) return;
    const part = this.#take();
    this.#emit(
      createGenerateContentResponse({
        candidates: [{ content: { role: 'model', parts: [part] }, index: this.#index }],
        ...(this.#modelVersion === undefined ? {} : { modelVersion: this.#modelVersion }),
        ...(this.#responseId === undefined ? {} : { responseId: this.#responseId }),
      }),
    );
  }

  #append(text: string, out: Part[]): void {
    if (text === '') return;
    this.#pieces.push(text);
    this.#length += text.length;
    if (this.#length >= this.#limit) out.push(this.#take());
  }

  #take(): Part {
    const pieces = this.#pieces;
    const text = pieces.length === 1 ? pieces[0]! : pieces.join('');
    this.#pieces = [];
    this.#length = 0;
    return { text, thought: true };
  }
}

/**
 * Merges adjacent thought parts of one whole (non-streamed) answer into one part, so a response carries one
 * thought part per segment. Returns `parts` itself when there is nothing to merge.
 */
export function mergeAdjacentThoughts(parts: Part[]): Part[] {
  let merged: Part[] | undefined;
  for (let i = 1; i < parts.length; i++) {
    if (isThought(parts[i]!) && isThought(parts[i - 1]!)) {
      merged = [];
      break;
    }
  }
  if (merged === undefined) return parts;
  for (const part of parts) {
    const last = merged.at(-1);
    if (last !== undefined && isThought(part) && isThought(last)) merged[merged.length - 1] = { ...last, text: `${last.text!}${part.text!}` };
    else merged.push(part);
  }
  return merged;
}
