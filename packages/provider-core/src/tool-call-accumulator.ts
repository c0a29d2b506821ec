import { type FunctionCall } from '@samus/kernel';

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
 * a JSON string, ids that arrive late or never (a local id is generated), several parallel calls, and servers
 * that reuse `index` 0 for every call (a fragment with a new id at a used index starts a new call).
 */
export class ToolCallAccumulator {
  readonly #slots: Slot[] = [];

  /** Number of calls seen so far. */
  get size(): number {
    return this.#slots.length;
  }

  /** Adds the fragments of one chunk. */
  push(fragments: readonly ToolCallFragment[]): void {
    for (const fragment of fragments) this.#add(fragment);
  }

  /** Returns the completed calls (in arrival order) and clears the accumulator. */
  finish(): AccumulatedToolCall[] {
    const calls = this.#slots.map((slot) => complete(slot));
    this.#slots.length = 0;
    return calls;
  }

  #add(fragment: ToolCallFragment): void {
    const id = fragment.id ?? undefined;
    const name = fragment.function?.name ?? undefined;
    const args = fragment.function?.arguments ?? undefined;
    let slot: Slot | undefined;
    if (id !== undefined && id !== '') slot = this.#slots.find((candidate) => candidate.id === id);
    if (!slot && fragment.index !== undefined) {
      const atIndex = this.#findByIndex(fragment.index);
      const collides = atIndex !== undefined && id !== undefined && id !== '' && atIndex.id !== undefined && atIndex.id !== id;
      // A second whole call at the same index with no id (some servers number every call 0).
      const repeatsWhole = atIndex !== undefined && !id && name !== undefined && name !== '' && atIndex.name !== '' && isCompleteJson(atIndex);
      if (atIndex && !collides && !repeatsWhole) slot = atIndex;
    }
    if (!slot && fragment.index === undefined && (id === undefined || id === '') && (name === undefined || name === '')) {
      slot = this.#slots.at(-1);
    }
    if (!slot) {
      slot = { index: fragment.index, id: undefined, name: '', args: '', objectArgs: undefined };
      this.#slots.push(slot);
    }
    if (id !== undefined && id !== '' && slot.id === undefined) slot.id = id;
    // Servers either send the name once or repeat it whole in every fragment: keep the first.
    if (name !== undefined && name !== '' && slot.name === '') slot.name = name;
    if (typeof args === 'string') slot.args += args;
    else if (args !== undefined && typeof args === 'object') slot.objectArgs = args;
  }

  #findByIndex(index: number): Slot | undefined {
    for (let i = this.#slots.length - 1; i >= 0; i--) if (this.#slots[i]!.index === index) return this.#slots[i];
    return undefined;
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
    return { functionCall: { id, name: slot.name, args: slot.objectArgs }, valid: true, rawArguments: JSON.stringify(slot.objectArgs) };
  }
  const raw = slot.args.trim();
  if (raw === '') return { functionCall: { id, name: slot.name, args: {} }, valid: true, rawArguments: '' };
  const parsed = parseArguments(raw);
  return parsed === undefined
    ? { functionCall: { id, name: slot.name, args: {} }, valid: false, rawArguments: slot.args }
    : { functionCall: { id, name: slot.name, args: parsed }, valid: true, rawArguments: slot.args };
}

/** Parses tool arguments; repairs a truncated object (missing closing quotes / brackets) once. */
function parseArguments(raw: string): Record<string, unknown> | undefined {
  const asObject = (value: unknown): Record<string, unknown> | undefined =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  try {
    return asObject(JSON.parse(raw));
  } catch {
    const repaired = closeJson(raw);
    if (repaired === undefined) return undefined;
    try {
      return asObject(JSON.parse(repaired));
    } catch {
      return undefined;
    }
  }
}

function closeJson(raw: string): string | undefined {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  for (const char of raw) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') stack.push('}');
    else if (char === '[') stack.push(']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return undefined;
    }
  }
  if (stack.length === 0 && !inString) return undefined;
  return raw + (inString ? '"' : '') + stack.reverse().join('');
}
