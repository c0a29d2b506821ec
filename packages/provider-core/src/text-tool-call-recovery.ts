import type { FunctionCall } from '@samus/kernel';
import { conversionDebug } from './conversion-debug.js';
import { scanJson } from './json-scan.js';
import { generateToolCallId, parseArguments } from './tool-call-accumulator.js';

/** A tool the request declared: its name and the JSON Schema types of its parameters (for text-form values). */
export interface DeclaredTool {
  name: string;
  parameterTypes: Record<string, string | undefined>;
}

/** A piece of recovered output: visible text, or a call found in the text. */
export type RecoveredSegment = { text: string; functionCall?: undefined } | { functionCall: FunctionCall & { id: string; name: string; args: Record<string, unknown> }; text?: undefined };

/**
 * The declared tools of an OpenAI-style `tools` list (`[{type:"function", function:{name, parameters}}]`), or
 * `undefined` when it declares none. Anything that is not such an entry is skipped.
 */
export function declaredToolsOf(tools: unknown): DeclaredTool[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const declared: DeclaredTool[] = [];
  for (const tool of tools as unknown[]) {
    const fn = (tool as { function?: { name?: unknown; parameters?: unknown } } | null)?.function;
    if (typeof fn?.name !== 'string' || fn.name === '') continue;
    const properties = (fn.parameters as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
    const parameterTypes: Record<string, string | undefined> = {};
    if (properties && typeof properties === 'object') {
      for (const [key, value] of Object.entries(properties)) parameterTypes[key] = typeof value?.type === 'string' ? value.type : undefined;
    }
    declared.push({ name: fn.name, parameterTypes });
  }
  return declared.length > 0 ? declared : undefined;
}

interface Format {
  /** The marker that opens the markup. */
  open: string;
  /** Where the markup ends in `buffer` (which starts with `open`), or -1 while it is still open. */
  end(buffer: string): number;
  /** The calls in a complete block (`undefined`: not a call of a declared tool, so it stays text). */
  parse(block: string, recovery: TextToolCallRecovery): ParsedCall[] | undefined;
  /** A block may end with the stream (no closing marker), e.g. `<tool_call>{…}` at the end of generation. */
  endsWithStream: boolean;
}

interface ParsedCall {
  name: string;
  args: Record<string, unknown>;
}

/** Characters of open markup held back at most; a block longer than this without its end is released as text. */
const MAX_HELD = 256 * 1024;

const HARMONY_END = ['<|call|>', '<|end|>', '<|return|>'];

const FORMATS: Format[] = [
  {
    // Hermes / Qwen 2.5 / Qwen3 templates: <tool_call>{"name":…,"arguments":…}</tool_call>; Qwen3-Coder wraps its
    // XML form in it too.
    open: '<tool_call>',
    end: (buffer) => endAfter(buffer, '</tool_call>'),
    parse: (block, recovery) => {
      const inner = block.slice('<tool_call>'.length).replace(/<\/tool_call>$/, '').trim();
      return inner.startsWith('<function=') ? recovery.parseXmlFunctions(inner) : recovery.parseJsonCalls(inner);
    },
    endsWithStream: true,
  },
  {
    // Qwen3-Coder without the wrapper: <function=name><parameter=x>…</parameter></function>
    open: '<function=',
    end: (buffer) => endAfter(buffer, '</function>'),
    parse: (block, recovery) => recovery.parseXmlFunctions(block),
    endsWithStream: false,
  },
  {
    // Mistral: [TOOL_CALLS][{"name":…,"arguments":…}] or (v11 tokenizer) [TOOL_CALLS]name[ARGS]{…}
    open: '[TOOL_CALLS]',
    end: (buffer) => {
      let start = '[TOOL_CALLS]'.length;
      while (start < buffer.length && /\s/.test(buffer[start]!)) start += 1;
      if (start >= buffer.length) return -1;
      if (buffer[start] === '[') return scanJson(buffer, start).end;
      const args = buffer.indexOf('[ARGS]', start);
      const brace = buffer.indexOf('{', start);
      if (args === -1 && brace === -1) return buffer.length - start > 200 ? start : -1;
      const from = args === -1 ? brace : buffer.indexOf('{', args);
      return from === -1 ? -1 : scanJson(buffer, from).end;
    },
    parse: (block, recovery) => {
      const body = block.slice('[TOOL_CALLS]'.length).trim();
      if (body.startsWith('[')) return recovery.parseJsonCalls(body);
      const match = /^([\w.-]+)\s*(?:\[ARGS\])?\s*(\{[\s\S]*\})$/.exec(body);
      if (!match) return undefined;
      const args = parseArguments(match[2]!);
      return args && recovery.declares(match[1]!) ? [{ name: match[1]!, args }] : undefined;
    },
    endsWithStream: false,
  },
  {
    // Harmony (gpt-oss) markup leaking into content: <|channel|>commentary to=functions.name <|constrain|>json<|message|>{…}<|call|>
    open: '<|channel|>',
    end: (buffer) => {
      let best = -1;
      for (const marker of HARMONY_END) {
        const at = buffer.indexOf(marker);
        if (at !== -1 && (best === -1 || at + marker.length < best)) best = at + marker.length;
      }
      return best;
    },
    parse: (block, recovery) => {
      const match = /^<\|channel\|>\s*commentary\s+to=(?:functions\.)?([\w.-]+)[^<]*(?:<\|constrain\|>\s*json\s*)?<\|message\|>([\s\S]*?)(?:<\|call\|>|<\|end\|>|<\|return\|>)?$/.exec(block);
      if (!match || !recovery.declares(match[1]!)) return undefined;
      const args = parseArguments(match[2]!.trim());
      return args ? [{ name: match[1]!, args }] : undefined;
    },
    endsWithStream: true,
  },
];

function endAfter(buffer: string, marker: string): number {
  const at = buffer.indexOf(marker);
  return at === -1 ? -1 : at + marker.length;
}

/** The index after the JSON value (object or array) that starts at `from`, or -1 while it is still open. */
/**
 * Recovers tool calls that a model wrote into its text instead of the server's `tool_calls` (small local models,
 * and servers whose tool parser does not match the chat template). Recognised, streamed or whole, split anywhere
 * across chunks:
 *
 * - Hermes / Qwen `<tool_call>{"name":…,"arguments":…}</tool_call>` (closing tag optional at the end of output);
 * - Qwen3-Coder `<function=name><parameter=x>…</parameter></function>` (with or without `<tool_call>`);
 * - Mistral `[TOOL_CALLS][{"name":…,"arguments":…}]` and `[TOOL_CALLS]name[ARGS]{…}`;
 * - Harmony `<|channel|>commentary to=functions.name … <|message|>{…}<|call|>`;
 * - an answer that is only a JSON object `{"name":…,"arguments"|"parameters":…}` naming a declared tool.
 *
 * Only names the request declared become calls: markup that names no declared tool (or does not parse) stays text.
 * Recognised markup is removed from the visible text, with the whitespace around it.
 */
export class TextToolCallRecovery {
  readonly #tools: Map<string, DeclaredTool>;
  #buffer = '';
  /** The format being captured (its open marker is at the start of #buffer). */
  #format: Format | undefined;
  /** Nothing but whitespace has been answered yet (a bare JSON call must be the whole answer). */
  #atStart = true;
  /** A bare JSON object is being held from the start of the answer. */
  #bareJson = false;
  #afterCall = false;
  #recovered = 0;
  /** Whitespace between the text and the markup being captured. */
  #space = '';

  constructor(tools: readonly DeclaredTool[]) {
    this.#tools = new Map(tools.map((tool) => [tool.name, tool]));
  }

  /** Calls recovered so far. */
  get recovered(): number {
    return this.#recovered;
  }

  /** True when `name` is a declared tool. */
  declares(name: string): boolean {
    return this.#tools.has(name);
  }

  /** Feeds answer text; returns what is decided (text held back as a possible marker prefix comes later). */
  push(text: string): RecoveredSegment[] {
    if (text.length === 0) return [];
    // Hot path: no marker character in sight.
    if (this.#buffer === '' && !this.#atStart && !this.#bareJson && this.#format === undefined && !/[<[{]/.test(text) && !/\s$/.test(text)) {
      return this.#text(text);
    }
    this.#buffer += text;
    return this.#drain(false);
  }

  /** Ends the text: a block still open is parsed if its format may end with the stream, else released as text. */
  flush(): RecoveredSegment[] {
    return this.#drain(true);
  }

  /** `{"name":…,"arguments":…}`, an array of those, or one per line; `undefined` unless every one names a declared tool. */
  parseJsonCalls(text: string): ParsedCall[] | undefined {
    const trimmed = text.trim();
    let values: unknown[];
    const whole = (() => {
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return undefined;
      }
    })();
    if (whole !== undefined) values = Array.isArray(whole) ? whole : [whole];
    else {
      values = [];
      for (const line of trimmed.split(/\n+/)) {
        const value = parseArguments(line.trim());
        if (!value) return undefined;
        values.push(value);
      }
    }
    if (values.length === 0) return undefined;
    const calls: ParsedCall[] = [];
    for (const value of values) {
      const call = this.#jsonCall(value);
      if (!call) return undefined;
      calls.push(call);
    }
    return calls;
  }

  /** Qwen3-Coder's `<function=name><parameter=key>value</parameter>…</function>` blocks. */
  parseXmlFunctions(text: string): ParsedCall[] | undefined {
    const calls: ParsedCall[] = [];
    const functionPattern = /<function=([^>\s]+)\s*>([\s\S]*?)(?:<\/function>|$)/g;
    let rest = text;
    for (const match of text.matchAll(functionPattern)) {
      const name = match[1]!.trim();
      const tool = this.#tools.get(name);
      if (!tool) return undefined;
      const args: Record<string, unknown> = {};
      for (const parameter of match[2]!.matchAll(/<parameter=([^>\s]+)\s*>([\s\S]*?)(?:<\/parameter>|(?=<parameter=)|$)/g)) {
        const key = parameter[1]!.trim();
        args[key] = this.#parameterValue(tool, key, parameter[2]!.replace(/^\n/, '').replace(/\n$/, ''));
      }
      calls.push({ name, args });
      rest = rest.replace(match[0], '');
    }
    return calls.length > 0 && rest.trim() === '' ? calls : undefined;
  }

  #parameterValue(tool: DeclaredTool, key: string, raw: string): unknown {
    const type = tool.parameterTypes[key];
    if (type === 'string') return raw;
    try {
      const value: unknown = JSON.parse(raw.trim());
      return value;
    } catch {
      return raw;
    }
  }

  #jsonCall(value: unknown): ParsedCall | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    const fn = record['function'] !== null && typeof record['function'] === 'object' ? (record['function'] as Record<string, unknown>) : record;
    const name = typeof fn['name'] === 'string' ? fn['name'].trim() : undefined;
    if (name === undefined || !this.#tools.has(name)) return undefined;
    let args: unknown = fn['arguments'] ?? fn['parameters'] ?? fn['args'] ?? {};
    if (typeof args === 'string') args = parseArguments(args);
    if (args === undefined || args === null || typeof args !== 'object' || Array.isArray(args)) return undefined;
    return { name, args: args as Record<string, unknown> };
  }

  #drain(final: boolean): RecoveredSegment[] {
    const out: RecoveredSegment[] = [];
    for (;;) {
      if (this.#bareJson) {
        const end = scanJson(this.#buffer, this.#buffer.indexOf('{')).end;
        if (end === -1 && !final && this.#buffer.length <= MAX_HELD) return out;
        const block = end === -1 ? this.#buffer : this.#buffer.slice(0, end);
        const rest = end === -1 ? '' : this.#buffer.slice(end);
        // Closed: a call only if nothing but whitespace follows, which only the end of the text can tell.
        if (end !== -1 && rest.trim() === '' && !final && this.#buffer.length <= MAX_HELD) return out;
        this.#bareJson = false;
        // The whole answer must be the object: text after it makes it an answer that contains JSON.
        if (rest.trim() !== '' || end === -1) {
          this.#atStart = false;
          continue;
        }
        const calls = this.parseJsonCalls(block);
        this.#buffer = rest;
        if (calls) this.#emitCalls(calls, out, 'json');
        else {
          this.#atStart = false;
          out.push(...this.#text(block));
        }
        continue;
      }
      if (this.#format !== undefined) {
        const format = this.#format;
        const end = format.end(this.#buffer);
        if (end === -1 && !final && this.#buffer.length <= MAX_HELD) return out;
        this.#format = undefined;
        const block = end === -1 ? this.#buffer : this.#buffer.slice(0, end);
        this.#buffer = end === -1 ? '' : this.#buffer.slice(end);
        const calls = end === -1 && !format.endsWithStream ? undefined : format.parse(block, this);
        if (calls) {
          this.#space = '';
          this.#emitCalls(calls, out, format.open);
        } else {
          conversionDebug('text-tool-call:kept-as-text', { marker: format.open, text: block.slice(0, 200) });
          // Release the marker (and the whitespace before it) as text and look for markup after it.
          out.push(...this.#text(this.#space + format.open));
          this.#space = '';
          this.#buffer = block.slice(format.open.length) + this.#buffer;
          this.#atStart = false;
        }
        continue;
      }
      if (this.#buffer === '') return out;
      if (this.#atStart) {
        const first = this.#buffer.search(/\S/);
        if (first === -1) {
          if (final) {
            out.push(...this.#text(this.#buffer));
            this.#buffer = '';
          }
          return out;
        }
        if (this.#buffer[first] === '{') {
          this.#bareJson = true;
          continue;
        }
      }
      const found = this.#findMarker();
      if (found !== undefined) {
        // Whitespace right before the markup goes with it if it is a call (held in #space until that is known).
        let textEnd = found.at;
        while (textEnd > 0 && /\s/.test(this.#buffer[textEnd - 1]!)) textEnd -= 1;
        if (textEnd > 0) out.push(...this.#text(this.#buffer.slice(0, textEnd)));
        this.#space = this.#buffer.slice(textEnd, found.at);
        this.#buffer = this.#buffer.slice(found.at);
        this.#format = found.format;
        this.#atStart = false;
        continue;
      }
      // No marker: keep a possible marker prefix at the end, and the whitespace before it (it goes with a call).
      let keep = final ? 0 : this.#markerPrefixLength();
      if (!final) while (keep < this.#buffer.length && /\s/.test(this.#buffer[this.#buffer.length - keep - 1]!)) keep += 1;
      const emit = this.#buffer.slice(0, this.#buffer.length - keep);
      this.#buffer = this.#buffer.slice(this.#buffer.length - keep);
      if (emit.trim() !== '') this.#atStart = false;
      if (emit.length > 0) out.push(...this.#text(emit));
      if (final && this.#buffer !== '') {
        out.push(...this.#text(this.#buffer));
        this.#buffer = '';
      }
      return out;
    }
  }

  #findMarker(): { at: number; format: Format } | undefined {
    let best: { at: number; format: Format } | undefined;
    for (const format of FORMATS) {
      const at = this.#buffer.indexOf(format.open);
      if (at !== -1 && (best === undefined || at < best.at)) best = { at, format };
    }
    return best;
  }

  #markerPrefixLength(): number {
    let longest = 0;
    for (const format of FORMATS) {
      const marker = format.open;
      for (let length = Math.min(marker.length - 1, this.#buffer.length); length > longest; length--) {
        if (this.#buffer.endsWith(marker.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }

  #emitCalls(calls: ParsedCall[], out: RecoveredSegment[], marker: string): void {
    for (const call of calls) {
      out.push({ functionCall: { id: generateToolCallId(), name: call.name, args: call.args } });
      this.#recovered += 1;
    }
    conversionDebug('text-tool-call:recovered', { marker, names: calls.map((call) => call.name) });
    this.#afterCall = true;
    // Whitespace that only separated the markup goes with it.
    const last = out.length - calls.length - 1;
    const before = out[last];
    if (before?.text !== undefined) {
      const trimmed = before.text.replace(/\s+$/, '');
      if (trimmed === '') out.splice(last, 1);
      else before.text = trimmed;
    }
  }

  #text(text: string): RecoveredSegment[] {
    if (this.#afterCall) {
      const trimmed = text.replace(/^\s+/, '');
      if (trimmed === '') return [];
      this.#afterCall = false;
      return [{ text: trimmed }];
    }
    return [{ text }];
  }
}
