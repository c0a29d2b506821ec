import { createGenerateContentResponse, FinishReason, type FunctionCall, type GenerateContentResponse, type GenerateContentResponseUsageMetadata, type Part } from '@samus/kernel';
import { mapFinishReason } from './map-finish-reason.js';
import { createResponseId } from './response-id.js';
import { ThinkTagSplitter, type ThinkSegment, type ThinkTagSplitterOptions } from './think-tag-splitter.js';
import { TextAccumulator } from './text-accumulator.js';
import { ToolCallAccumulator, type ToolCallFragment } from './tool-call-accumulator.js';
import { toUsageMetadata, type OpenAIUsage } from './to-usage-metadata.js';

/** The fields of an OpenAI `chat.completion.chunk` the converter reads (everything optional: servers differ). */
export interface ChatCompletionChunkLike {
  id?: string;
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ToolCallFragment[] | null;
    } | null;
    finish_reason?: string | null;
  }> | null;
  usage?: OpenAIUsage | null;
  error?: unknown;
}

/** Where the converter delivers its output. */
export interface ChunkSink {
  /** A Gemini-shaped response to hand to the caller. */
  response(response: GenerateContentResponse): void;
  /** Output (text, reasoning or a tool-call fragment) arrived; `textLength` characters of text/reasoning. */
  output(textLength: number): void;
}

/** Options of {@link ChatCompletionChunkConverter}. */
export interface ChatCompletionChunkConverterOptions {
  /** `false` drops reasoning from the output. Default `true`. */
  includeThoughts?: boolean;
  /** Options of the `<think>` splitter. */
  thinkTags?: ThinkTagSplitterOptions;
  /**
   * The server sends usage in a separate chunk after the finish chunk (`stream_options.include_usage`): hold the
   * finish response until it arrives so the last response carries both. Default `false`.
   */
  awaitUsage?: boolean;
}

interface ChoiceState {
  splitter: ThinkTagSplitter;
  tools: ToolCallAccumulator;
  finished: boolean;
}

/**
 * Turns parsed OpenAI stream chunks into Gemini-shaped responses, one per chunk with output: text parts,
 * `thought: true` parts (from `reasoning_content`, `reasoning` and `<think>` tags), and whole `functionCall` parts
 * (fragments joined; emitted with the finish chunk). The finish reason and usage land on the last response.
 * Chunks without output (role-only deltas, tool fragments) produce nothing.
 */
export class ChatCompletionChunkConverter {
  readonly #sink: ChunkSink;
  readonly #includeThoughts: boolean;
  readonly #thinkOptions: ThinkTagSplitterOptions;
  readonly #awaitUsage: boolean;
  readonly #choices: ChoiceState[] = [];
  #pending: GenerateContentResponse | undefined;
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
    this.#awaitUsage = options.awaitUsage ?? false;
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
    if (chunk.model !== undefined) this.#modelVersion = chunk.model;
    // One id per response, fixed by the first chunk (generated when the server sends none).
    this.#responseId ??= typeof chunk.id === 'string' && chunk.id !== '' ? chunk.id : createResponseId();
    const usage = chunk.usage ? toUsageMetadata(chunk.usage) : undefined;
    if (usage) this.#usage = usage;
    const choices = chunk.choices;
    if (!choices || choices.length === 0) {
      if (this.#pending) {
        if (usage) this.#pending.usageMetadata = usage;
        this.#flushPending();
      } else if (usage) {
        this.#sink.response(createGenerateContentResponse({ usageMetadata: usage, modelVersion: this.#modelVersion, responseId: this.#responseId }));
      }
      return;
    }
    if (this.#pending) this.#flushPending();
    for (let position = 0; position < choices.length; position++) {
      const choice = choices[position]!;
      const index = choice.index ?? 0;
      const state = this.#choices[index] ?? this.#newChoice(index);
      const parts = this.#deltaParts(state, choice.delta);
      const reason = choice.finish_reason;
      if (reason !== null && reason !== undefined && !state.finished) {
        this.#finishChoice(state, index, reason, parts, usage);
      } else if (parts !== undefined) {
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

  /**
   * Ends the stream. `complete` is true when the server ended it properly (`[DONE]` or a finish reason). Emits
   * held-back text, unfinished tool calls and the held finish response.
   */
  end(complete: boolean): void {
    if (this.#pending) this.#flushPending();
    for (let index = 0; index < this.#choices.length; index++) {
      const state = this.#choices[index];
      if (!state || state.finished) continue;
      const parts = this.#flushParts(state);
      if (complete) this.#finishChoice(state, index, 'stop', parts, undefined);
      else if (parts.length > 0) {
        this.#sink.response(createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts }, index }], modelVersion: this.#modelVersion, responseId: this.#responseId }));
      }
    }
    if (this.#pending) this.#flushPending();
  }

  #newChoice(index: number): ChoiceState {
    const state: ChoiceState = { splitter: new ThinkTagSplitter(this.#thinkOptions), tools: new ToolCallAccumulator(), finished: false };
    this.#choices[index] = state;
    return state;
  }

  #deltaParts(state: ChoiceState, delta: NonNullable<NonNullable<ChatCompletionChunkLike['choices']>[number]['delta']> | null | undefined): Part[] | undefined {
    if (!delta) return undefined;
    let parts: Part[] | undefined;
    let length = 0;
    const reasoning = delta.reasoning_content || delta.reasoning;
    if (typeof reasoning === 'string' && reasoning.length > 0) {
      length += reasoning.length;
      if (this.#includeThoughts) parts = [{ text: reasoning, thought: true }];
    }
    const content = delta.content;
    if (typeof content === 'string' && content.length > 0) {
      length += content.length;
      const splitter = state.splitter;
      if (splitter.isPlain(content)) {
        // Hot path: no tag in sight, no allocation beyond the part itself.
        if (!splitter.inThought) {
          this.#textSoFar.push(content);
          if (parts === undefined) parts = [{ text: content }];
          else parts.push({ text: content });
        } else if (this.#includeThoughts) {
          (parts ??= []).push({ text: content, thought: true });
        }
      } else {
        this.#pushSegments(splitter.push(content), (parts ??= []));
      }
    }
    const toolCalls = delta.tool_calls;
    if (toolCalls && toolCalls.length > 0) {
      state.tools.push(toolCalls);
      this.#sink.output(length);
      return parts !== undefined && parts.length === 0 ? undefined : parts;
    }
    if (length > 0) this.#sink.output(length);
    return parts !== undefined && parts.length === 0 ? undefined : parts;
  }

  #pushSegments(segments: ThinkSegment[], parts: Part[]): void {
    for (const segment of segments) {
      if (segment.thought) {
        if (this.#includeThoughts) parts.push({ text: segment.text, thought: true });
      } else {
        this.#textSoFar.push(segment.text);
        parts.push({ text: segment.text });
      }
    }
  }

  #flushParts(state: ChoiceState): Part[] {
    const parts: Part[] = [];
    for (const segment of state.splitter.flush()) {
      if (segment.thought) {
        if (this.#includeThoughts) parts.push({ text: segment.text, thought: true });
      } else {
        this.#textSoFar.push(segment.text);
        parts.push({ text: segment.text });
      }
    }
    return parts;
  }

  #finishChoice(state: ChoiceState, index: number, reason: string, deltaParts: Part[] | undefined, usage: GenerateContentResponseUsageMetadata | undefined): void {
    state.finished = true;
    const parts = deltaParts ?? [];
    parts.push(...this.#flushParts(state));
    let malformed = false;
    for (const call of state.tools.finish()) {
      const functionCall: FunctionCall = call.functionCall;
      parts.push({ functionCall });
      if (!call.valid) malformed = true;
    }
    const finishReason = malformed ? FinishReason.MALFORMED_FUNCTION_CALL : (mapFinishReason(reason) ?? FinishReason.STOP);
    if (index === 0) {
      this.#finishReason = finishReason;
      this.#rawFinishReason = reason;
    }
    const response = createGenerateContentResponse({
      candidates: [{ content: { role: 'model', parts }, finishReason, index }],
      ...(usage ? { usageMetadata: usage } : {}),
      modelVersion: this.#modelVersion,
      responseId: this.#responseId,
    });
    if (usage === undefined && this.#awaitUsage && this.#usage === undefined) {
      this.#pending = response;
      return;
    }
    if (usage === undefined && this.#usage !== undefined) response.usageMetadata = this.#usage;
    this.#sink.response(response);
  }

  #flushPending(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) this.#sink.response(pending);
  }
}
