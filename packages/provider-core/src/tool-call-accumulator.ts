import type { FunctionCall } from '@samus/kernel';
import { conversionDebug } from './conversion-debug.js';
import { scanJson } from './json-scan.js';

/** One streamed tool-call fragment (`choices[i].delta.tool_calls[j]` of an OpenAI-style chunk). */
export interface ToolCallFragment {
  index?: number;
  id?: string | null;
  type?: string;
  function?: { name?: string | null; arguments?: string | Record<string, unknown> | null } | null;
}

/** A completed call: a Gemini `FunctionCall` plus whether its arguments were valid JSON. */
export interface AccumulatedToolCall {
  functionCall: FunctionCall & { id: string; name: string; args: Record<string, unknown> };
  /** False when the arguments were not a JSON object (then `args` is `{}` and `rawArguments` has the text). */
  valid: boolean;
  /**
   * True when the arguments are the beginning of a JSON object that never closed (the output was cut off, e.g. at
   * `max_tokens`). Such a call is never "repaired": running it would act on partial arguments (a truncated file).
   */
  truncated: boolean;
  rawArguments: string;
}

interface Slot {
  index: number | undefined;
  id: string | undefined;
  name: string;
  args: string;
  objectArgs: Record<string, unknown> | undefined;
}

let generatedIdCounter = 0;
const idPrefix = Math.random().toString(36).slice(2, 8);

/** A locally unique tool-call id for servers that send none (`call_samus_<random>_<n>`). */
export function generateToolCallId(): string {
  generatedIdCounter += 1;
  return `call_samus_${idPrefix}_${generatedIdCounter}`;
}

/**
 * Joins streamed tool-call fragments into whole calls. Handles what servers actually send:
 * fragments keyed by `index` (arguments in pieces), whole calls in one chunk, arguments as an object instead of
 * a JSON string, ids that arrive late or never (a local id is generated), several parallel calls, servers
 * that reuse `index` 0 for every call (a fragment with a new id at a used index starts a new call), servers that
 * resend a whole call under the same id (the replay replaces nothing and is dropped), and phantom slots (an index
 * opened and never named: dropped, with a `samus:conversion` debug event). Names are trimmed.
 */
export class ToolCallAccumulator {
  readonly #slots: Slot[] = [];

  /** Number of calls seen so far. */
  get size(): number {
    return this.#slots.length;
  }

  /** Adds the fragments of one chunk. */
  push(fragments: readonly ToolCallFragment[]): void {
    for (const fragment of fragments) {
      if (fragment !== null && typeof fragment === 'object') this.#add(fragment);
    }
  }

  /** Returns the completed calls (in arrival order; nameless slots dropped) and clears the accumulator. */
  finish(): AccumulatedToolCall[] {
    const calls: AccumulatedToolCall[] = [];
    for (const slot of this.#slots) {
      if (slot.name === '') {
        conversionDebug('tool-call:nameless-dropped', { index: slot.index, id: slot.id, arguments: slot.args.slice(0, 200) });
        continue;
      }
      calls.push(complete(slot));
    }
    this.#slots.length = 0;
    return calls;
  }

  #add(fragment: ToolCallFragment): void {
    const id = typeof fragment.id === 'string' && fragment.id !== '' ? fragment.id : undefined;
    const rawName = fragment.function?.name;
    const name = typeof rawName === 'string' && rawName.trim() !== '' ? rawName.trim() : undefined;
    const args = fragment.function?.arguments ?? undefined;
    const index = typeof fragment.index === 'number' ? fragment.index : undefined;
    let slot: Slot | undefined;
    if (id !== undefined) slot = this.#slots.find((candidate) => candidate.id === id);
    if (slot !== undefined && slot.name !== '' && isCompleteJson(slot) && args !== undefined && args !== '' && isWholeArguments(args)) {
      // The same call sent again under its id (some servers resend the whole call with the finish chunk).
      conversionDebug('tool-call:replay-dropped', { id, name: slot.name });
      return;
    }
    if (!slot && index !== undefined) {
      const atIndex = this.#findByIndex(index);
      const collides = atIndex !== undefined && id !== undefined && atIndex.id !== undefined && atIndex.id !== id;
      // A second whole call at the same index with no id (some servers number every call 0).
      const repeatsWhole = atIndex !== undefined && id === undefined && name !== undefined && atIndex.name !== '' && isCompleteJson(atIndex);
      if (atIndex && !collides && !repeatsWhole) slot = atIndex;
    }
    if (!slot && index === undefined && id === undefined && name === undefined) slot = this.#slots.at(-1);
    if (!slot) {
      slot = { index, id: undefined, name: '', args: '', objectArgs: undefined };
      this.#slots.push(slot);
    }
    if (id !== undefined && slot.id === undefined) slot.id = id;
    // Servers either send the name once or repeat it whole in every fragment: keep the first.
    if (name !== undefined && slot.name === '') slot.name = name;
    if (typeof args === 'string') {
      // A server that repeats the whole argument text in every fragment: keep one copy.
      if (slot.args !== '' && args === slot.args && isCompleteJson(slot)) return;
      slot.args += args;
    } else if (args !== undefined && typeof args === 'object' && !Array.isArray(args)) slot.objectArgs = args;
  }

  #findByIndex(index: number): Slot | undefined {
    for (let i = this.#slots.length - 1; i >= 0; i--) if (this.#slots[i]!.index === index) return this.#slots[i];
    return undefined;
  }
}

function isWholeArguments(args: string | Record<string, unknown>): boolean {
  if (typeof args === 'object') return true;
  try {
    const value: unknown = JSON.parse(args);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

function isCompleteJson(slot: Slot): boolean {
  if (slot.objectArgs) return true;
  if (slot.args === '') return false;
  try {
    JSON.parse(slot.args);
    return true;
  } catch {
    return false;
  }
}

function complete(slot: Slot): AccumulatedToolCall {
  const id = slot.id ?? generateToolCallId();
  if (slot.objectArgs) {
    return { functionCall: { id, name: slot.name, args: slot.objectArgs }, valid: true, truncated: false, rawArguments: JSON.stringify(slot.objectArgs) };
  }
  const raw = slot.args.trim();
  if (raw === '') return { functionCall: { id, name: slot.name, args: {} }, valid: true, truncated: false, rawArguments: '' };
  const parsed = parseArguments(raw);
  return parsed === undefined
    ? { functionCall: { id, name: slot.name, args: {} }, valid: false, truncated: isUnclosedJson(raw), rawArguments: slot.args }
    : { functionCall: { id, name: slot.name, args: parsed }, valid: true, truncated: false, rawArguments: slot.args };
}

/** Parses tool arguments: a JSON object, or `undefined`. Nothing is repaired. */
export function parseArguments(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `raw` is a JSON object that was cut off: brackets or a string left open, nothing mismatched. */
export function isUnclosedJson(raw: string): boolean {
  if (!raw.startsWith('{')) return false;
  const scan = scanJson(raw, 0, true);
  return !scan.mismatched && (scan.open > 0 || scan.inString);
}

/**
 * The finish message for calls that cannot be run: names each call, says whether it was cut off, and shows the
 * beginning of its raw arguments.
 */
export function brokenCallsMessage(calls: readonly AccumulatedToolCall[], maxTokens: boolean): string {
  const described = calls.map((call) => {
    const raw = call.rawArguments.length > 120 ? `${call.rawArguments.slice(0, 120)}…` : call.rawArguments;
    return `${call.functionCall.name} (${call.functionCall.id}): ${call.truncated ? `arguments cut off after ${call.rawArguments.length} characters` : 'arguments are not a JSON object'}: ${raw}`;
  });
  const lead = maxTokens ? 'The output hit the token limit inside a tool call; the call was not emitted' : 'Malformed function call; the call was not emitted';
  return `${lead}: ${described.join('; ')}`;
}
