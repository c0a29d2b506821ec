import { createGenerateContentResponse, FinishReason, type FunctionCall, type GenerateContentResponse, type GenerateContentResponseUsageMetadata, type Part } from '@samus/kernel';
import { mapFinishReason } from './map-finish-reason.js';
import { createResponseId } from './response-id.js';
import { TextToolCallRecovery, type DeclaredTool } from './text-tool-call-recovery.js';
import { ThinkTagSplitter, type ThinkSegment, type ThinkTagSplitterOptions } from './think-tag-splitter.js';
import { TextAccumulator } from './text-accumulator.js';
import { brokenCallsMessage, ToolCallAccumulator, type AccumulatedToolCall, type ToolCallFragment } from './tool-call-accumulator.js';
import { readTypedContent } from './typed-content.js';
import { toUsageMetadata, type OpenAIUsage } from './to-usage-metadata.js';

/** The fields of an OpenAI `chat.completion.chunk` the converter reads (everything optional: servers differ). */
export interface ChatCompletionChunkLike {
  id?: string;
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      /** A string, or typed parts (`[{type:"text"}, {type:"thinking"}]`, Mistral / Magistral). */
      content?: string | unknown[] | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ToolCallFragment[] | null;
    } | null;
    finish_reason?: string | null;
    /** Usage inside a choice (some servers put it there). */
    usage?: OpenAIUsage | null;
  }> | null;
  usage?: OpenAIUsage | null;
  error?: unknown;
}

/** Where the converter delivers its output. */
export interface ChunkSink {
  /** A Gemini-shaped response to hand to the caller. */
  response(response: GenerateContentResponse): void;
  /** Output (text, reasoning or a tool-call fragment) arrived; `textLength` characters of text/reasoning. For metrics. */
  output(textLength: number): void;
}

/** Options of {@link ChatCompletionChunkConverter}. */
export interface ChatCompletionChunkConverterOptions {
  /** `false` drops reasoning from the output. Default `true`. */
  includeThoughts?: boolean;
  /** Options of the `<think>` splitter (`enabled: false` turns tag parsing off; tag names). */
  thinkTags?: ThinkTagSplitterOptions;
  /**
   * Kept for compatibility: the finish response is now always held until usage, `[DONE]` ({@link flush}) or the
   * end of the stream, whichever comes first, so usage sent after the finish chunk lands on it.
   */
  awaitUsage?: boolean;
  /**
   * The tools the request declared: tool calls the model wrote into its text in a known markup and naming one of
   * them become `functionCall` parts (see `TextToolCallRecovery`). Absent or empty: no recovery.
   */
  declaredTools?: readonly DeclaredTool[] | undefined;
}

interface ChoiceState {
  splitter: ThinkTagSplitter;
  tools: ToolCallAccumulator;
  recovery: TextToolCallRecovery | undefined;
  finished: boolean;
}

type Delta = NonNullable<NonNullable<ChatCompletionChunkLike['choices']>[number]['delta']>;

/**
 * Turns parsed OpenAI stream chunks into Gemini-shaped responses, one per chunk with output: text parts,
 * `thought: true` parts (from `reasoning_content`, `reasoning`, typed `thinking` parts and `<think>` tags — tags are
 * no longer parsed once structured reasoning arrived), whole `functionCall` parts (fragments joined, emitted with
 * the finish chunk; calls written as text recovered when tools were declared). The finish reason lands on the last
 * response, which is held until usage arrives (in the finish chunk, a later choice chunk or a usage-only chunk),
 * `[DONE]`, or the end of the stream. Calls whose arguments are not a whole JSON object are not emitted: the finish
 * reason says why (`MAX_TOKENS` when the server stopped at the token limit, else `MALFORMED_FUNCTION_CALL`) and
 * `finishMessage` names the call.
 */
export class ChatCompletionChunkConverter {
  readonly #sink: ChunkSink;
  readonly #includeThoughts: boolean;
  readonly #thinkOptions: ThinkTagSplitterOptions;
  readonly #declaredTools: readonly DeclaredTool[] | undefined;
  readonly #choices: ChoiceState[] = [];
  readonly #pending: GenerateContentResponse[] = [];
  #finishReason: FinishReason | undefined;
  #rawFinishReason: string | undefined;
  #usage: GenerateContentResponseUsageMetadata | undefined;
  #modelVersion: string | undefined;
  #responseId: string | undefined;
  // The answer text so far, for SAMUS_ERR_STREAM_INTERRUPTED.
  readonly #textSoFar = new TextAccumulator();
  #lastChunk: ChatCompletionChunkLike | undefined;

  constructor(sink: ChunkSink, options: ChatCompletionChunkConverterOptions = {}) {
    this.#sink = sink;
    this.#includeThoughts = options.includeThoughts ?? true;
    this.#thinkOptions = options.thinkTags ?? {};
    this.#declaredTools = options.declaredTools && options.declaredTools.length > 0 ? options.declaredTools : undefined;
  }

  /** The answer text so far (no reasoning): the partial text when a stream breaks. */
  get text(): string {
    return this.#textSoFar.text;
  }

  /** True once every choice sent a finish reason. */
  get finished(): boolean {
    return this.#choices.length > 0 && this.#choices.every((choice) => choice.finished);
  }

  /** The server's own finish reason (`stop`, `length`, …) of the first choice. */
  get rawFinishReason(): string | undefined {
    return this.#rawFinishReason;
  }

  /** The mapped finish reason of the first choice. */
  get finishReason(): FinishReason | undefined {
    return this.#finishReason;
  }

  /** Usage, once the server sent it. */
  get usage(): GenerateContentResponseUsageMetadata | undefined {
    return this.#usage;
  }

  /** The last raw chunk (for server-specific statistics). */
  get lastChunk(): ChatCompletionChunkLike | undefined {
    return this.#lastChunk;
  }

  /** Converts one chunk. */
  push(chunk: ChatCompletionChunkLike): void {
    this.#lastChunk = chunk;
    if (typeof chunk.model === 'string') this.#modelVersion = chunk.model;
    // One id per response, fixed by the first chunk (generated when the server sends none).
    this.#responseId ??= typeof chunk.id === 'string' && chunk.id !== '' ? chunk.id : createResponseId();
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    let usage = chunk.usage ? toUsageMetadata(chunk.usage) : undefined;
    for (const choice of choices) if (!usage && choice?.usage) usage = toUsageMetadata(choice.usage);
    if (usage) this.#usage = usage;
    if (usage && this.#pending.length > 0) {
      // Usage after the finish chunk: it belongs on the final response.
      this.#pending.at(-1)!.usageMetadata = usage;
      if (this.finished) this.flush();
    }
    if (choices.length === 0) {
      if (usage && this.#pending.length === 0 && this.#choices.length === 0) {
        this.#sink.response(createGenerateContentResponse({ usageMetadata: usage, modelVersion: this.#modelVersion, responseId: this.#responseId }));
      }
      return;
    }
    for (const choice of choices) {
      if (choice === null || typeof choice !== 'object') continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      const state = this.#choices[index] ?? this.#newChoice(index);
      if (state.finished) continue;
      const parts = this.#deltaParts(state, choice.delta);
      const reason = choice.finish_reason;
      if (reason !== null && reason !== undefined && reason !== '') {
        this.#finishChoice(state, index, reason, parts, usage);
      } else if (parts !== undefined) {
        this.flush();
        this.#sink.response(
          createGenerateContentResponse({
            candidates: [{ content: { role: 'model', parts }, index }],
            modelVersion: this.#modelVersion,
            responseId: this.#responseId,
          }),
        );
      }
    }
  }

  /** Hands out held finish responses (called on `[DONE]`: nothing that follows belongs to the answer). */
  flush(): void {
    while (this.#pending.length > 0) {
      const response = this.#pending.shift()!;
      if (response.usageMetadata === undefined && this.#pending.length === 0 && this.#usage !== undefined) response.usageMetadata = this.#usage;
      this.#sink.response(response);
    }
  }

  /**
   * Ends the stream. `complete` is true when the server ended it properly (`[DONE]` or a finish reason). Emits
   * held-back text, unfinished tool calls and the held finish response.
   */
  end(complete: boolean): void {
    for (let index = 0; index < this.#choices.length; index++) {
      const state = this.#choices[index];
      if (!state || state.finished) continue;
      if (complete) this.#finishChoice(state, index, 'stop', undefined, undefined);
      else {
        const parts = this.#flushParts(state);
        if (parts.length > 0) {
          this.flush();
          this.#sink.response(createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts }, index }], modelVersion: this.#modelVersion, responseId: this.#responseId }));
        }
      }
    }
    this.flush();
  }

  #newChoice(index: number): ChoiceState {
    const state: ChoiceState = {
      splitter: new ThinkTagSplitter(this.#thinkOptions),
      tools: new ToolCallAccumulator(),
      recovery: this.#declaredTools ? new TextToolCallRecovery(this.#declaredTools) : undefined,
      finished: false,
    };
    this.#choices[index] = state;
    return state;
  }

  #deltaParts(state: ChoiceState, delta: Delta | null | undefined): Part[] | undefined {
    if (!delta || typeof delta !== 'object') return undefined;
    let parts: Part[] | undefined;
    let length = 0;
    const structured = typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '' ? delta.reasoning_content : delta.reasoning;
    let reasoning = typeof structured === 'string' ? structured : '';
    let content = delta.content;
    if (content !== null && content !== undefined && typeof content !== 'string') {
      const typed = readTypedContent(content);
      content = typed?.text;
      reasoning += typed?.thinking ?? '';
    }
    if (reasoning.length > 0) {
      length += reasoning.length;
      // Structured reasoning: a literal <think> in the answer is text, never a new thought block.
      if (!state.splitter.disabled) parts = this.#answerParts(state, state.splitter.leadingOnly(), parts);
      if (this.#includeThoughts) (parts ??= []).push({ text: reasoning, thought: true });
    }
    if (typeof content === 'string' && content.length > 0) {
      length += content.length;
      const splitter = state.splitter;
      if (splitter.isPlain(content) && state.recovery === undefined) {
        // Hot path: no tag in sight, no allocation beyond the part itself.
        if (!splitter.inThought) {
          if (!splitter.answered && content.trim() !== '') splitter.markAnswered();
          this.#textSoFar.push(content);
          if (parts === undefined) parts = [{ text: content }];
          else parts.push({ text: content });
        } else if (this.#includeThoughts) {
          (parts ??= []).push({ text: content, thought: true });
        }
      } else {
        parts = this.#answerParts(state, splitter.push(content), parts);
      }
    }
    const toolCalls = delta.tool_calls;
    if (Array.isArray(toolCalls) && toolCalls.length > 0) state.tools.push(toolCalls);
    if (length > 0 || (Array.isArray(toolCalls) && toolCalls.length > 0)) this.#sink.output(length);
    return parts !== undefined && parts.length === 0 ? undefined : parts;
  }

  /** Thought segments become thought parts; answer segments go through text tool-call recovery into text / call parts. */
  #answerParts(state: ChoiceState, segments: ThinkSegment[], parts: Part[] | undefined): Part[] | undefined {
    for (const segment of segments) {
      if (segment.thought) {
        if (this.#includeThoughts) (parts ??= []).push({ text: segment.text, thought: true });
      } else if (state.recovery) {
        for (const piece of state.recovery.push(segment.text)) parts = this.#pushPiece(piece, parts);
      } else {
        this.#textSoFar.push(segment.text);
        (parts ??= []).push({ text: segment.text });
      }
    }
    return parts;
  }

  #pushPiece(piece: { text?: string | undefined; functionCall?: FunctionCall | undefined }, parts: Part[] | undefined): Part[] {
    const list = parts ?? [];
    if (piece.functionCall) list.push({ functionCall: piece.functionCall });
    else if (piece.text !== undefined && piece.text !== '') {
      this.#textSoFar.push(piece.text);
      list.push({ text: piece.text });
    }
    return list;
  }

  #flushParts(state: ChoiceState): Part[] {
    let parts = this.#answerParts(state, state.splitter.flush(), undefined) ?? [];
    if (state.recovery) for (const piece of state.recovery.flush()) parts = this.#pushPiece(piece, parts);
    return parts;
  }

  #finishChoice(state: ChoiceState, index: number, reason: string, deltaParts: Part[] | undefined, usage: GenerateContentResponseUsageMetadata | undefined): void {
    state.finished = true;
    const parts = deltaParts ?? [];
    parts.push(...this.#flushParts(state));
    const broken: AccumulatedToolCall[] = [];
    for (const call of state.tools.finish()) {
      if (call.valid) parts.push({ functionCall: call.functionCall });
      else broken.push(call);
    }
    const mapped = mapFinishReason(reason) ?? FinishReason.STOP;
    const finishReason = broken.length === 0 ? mapped : mapped === FinishReason.MAX_TOKENS ? FinishReason.MAX_TOKENS : FinishReason.MALFORMED_FUNCTION_CALL;
    if (index === 0) {
      this.#finishReason = finishReason;
      this.#rawFinishReason = reason;
    }
    const response = createGenerateContentResponse({
      candidates: [
        {
          content: { role: 'model', parts },
          finishReason,
          ...(broken.length > 0 ? { finishMessage: brokenCallsMessage(broken, finishReason === FinishReason.MAX_TOKENS) } : {}),
          index,
        },
      ],
      ...(usage ? { usageMetadata: usage } : {}),
      modelVersion: this.#modelVersion,
      responseId: this.#responseId,
    });
    this.#pending.push(response);
    // Usage came with the finish chunk: nothing more to wait for.
    if (usage !== undefined && this.finished) this.flush();
  }
}
