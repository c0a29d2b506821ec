import { abortableSleep, MockAbortedError } from './abortable-sleep';
import { messageText } from './reply-planner';

/**
 * Capacity of a mock server (option `capacity`): LM Studio's parallel setting with a FIFO queue behind it, prompt
 * processing time for the prompt tokens that are not cached, and a prefix cache. Without it the mock serves any number
 * of requests at once with no prompt-processing delay (the default, unchanged).
 */
export interface MockCapacity {
  /** Requests processed at once; the rest wait in arrival order. */
  parallel: number;
  /** Prompt processing speed in tokens/s: a request waits (uncached prompt tokens / speed) before its first token. Default: no delay. */
  promptTokensPerSecond?: number;
  /** Prompts kept in the prefix cache (default: one per parallel slot). */
  cachedPrompts?: number;
}

/** What a request gets from the gate: the cached prompt tokens, and `leave(replyText)` to call once it is done. */
export interface GateTicket {
  cachedTokens: number;
  leave(replyText: string): void;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
}

/** The prompt as the cache sees it: role and text of every message, in order. */
export function promptText(body: Readonly<Record<string, unknown>>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  let text = '';
  for (const message of messages) {
    if (!message || typeof message !== 'object') continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    text += `<${String(role)}>${messageText(content)}`;
  }
  return text;
}

/** Slots, queue and prefix cache of one mock server. */
export class CapacityGate {
  readonly #parallel: number;
  readonly #msPerToken: number;
  readonly #cachedPrompts: number;
  readonly #queue: (() => void)[] = [];
  readonly #cache: string[] = [];
  #busy = 0;
  /** Most requests waiting at once. */
  maxQueued = 0;

  constructor(capacity: MockCapacity) {
    this.#parallel = Math.max(1, Math.floor(capacity.parallel));
    this.#msPerToken = capacity.promptTokensPerSecond ? 1000 / capacity.promptTokensPerSecond : 0;
    this.#cachedPrompts = Math.max(1, capacity.cachedPrompts ?? this.#parallel);
  }

  /** Slots busy and requests waiting. */
  load(): { busy: number; queued: number } {
    return { busy: this.#busy, queued: this.#queue.length };
  }

  /**
   * Waits for a slot (leaving the queue when `signal` aborts), then for the processing of the uncached prompt tokens.
   * `promptTokens` is the request's token estimate; the cached share follows the longest cached prefix of `prompt`.
   */
  async enter(prompt: string, promptTokens: number, signal: AbortSignal): Promise<GateTicket> {
    await this.#acquire(signal);
    let best = '';
    let length = 0;
    for (const entry of this.#cache) {
      const n = commonPrefix(entry, prompt);
      if (n > length) {
        length = n;
        best = entry;
      }
    }
    if (length > 0 && length === best.length) this.#cache.splice(this.#cache.indexOf(best), 1);
    const cachedTokens = prompt.length === 0 ? 0 : Math.min(promptTokens - 1, Math.floor((promptTokens * length) / prompt.length));
    let left = false;
    const leave = (replyText: string): void => {
      if (left) return;
      left = true;
      if (replyText !== '\u0000') {
        this.#cache.unshift(`${prompt}<assistant>${replyText}`);
        if (this.#cache.length > this.#cachedPrompts) this.#cache.length = this.#cachedPrompts;
      }
      const next = this.#queue.shift();
      if (next) next();
      else this.#busy -= 1;
    };
    try {
      await abortableSleep((promptTokens - Math.max(0, cachedTokens)) * this.#msPerToken, signal);
    } catch (error) {
      leave('\u0000');
      throw error;
    }
    return { cachedTokens: Math.max(0, cachedTokens), leave };
  }

  #acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new MockAbortedError());
    if (this.#busy < this.#parallel && this.#queue.length === 0) {
      this.#busy += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(grant);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(new MockAbortedError());
      };
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(grant);
      this.maxQueued = Math.max(this.maxQueued, this.#queue.length);
    });
  }
}
