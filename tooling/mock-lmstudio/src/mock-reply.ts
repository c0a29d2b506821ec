/** A tool call the mock model makes. */
export interface MockToolCall {
  /** Function name. */
  name: string;
  /** Arguments as an object (serialised with `JSON.stringify`) or as a raw string (sent verbatim, may be invalid JSON). */
  arguments: Record<string, unknown> | string;
  /** Tool-call id; default a numeric string like LM Studio's (`"365174485"`). */
  id?: string;
}

/** A scripted reply. Without `content` and `toolCalls` the mock generates text as usual. */
export interface MockReply {
  /** Text of the answer. */
  content?: string;
  /** Reasoning text, sent before the answer in the field chosen by the `reasoningField` option. */
  reasoning?: string;
  /** Tool calls; when present `finish_reason` is `tool_calls`. */
  toolCalls?: readonly MockToolCall[];
  /** Override the finish reason. */
  finishReason?: 'stop' | 'length' | 'tool_calls';
  /** Explicit streaming pieces for `content` (default: split into word-like tokens). */
  chunks?: readonly string[];
  /**
   * Verbatim response body, bypassing generation: for a streaming request the whole SSE text (e.g. a recorded
   * fixture, CRLF line ends, `:` comment lines, garbage), otherwise the JSON text. Status 200; faults still apply.
   */
  raw?: string;
}

/** What a reply function sees about the request. */
export interface MockReplyContext {
  /** `chat` for chat completions, `completion` for text completions. */
  readonly kind: 'chat' | 'completion';
  /** Request path, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Catalogue id of the model that answers. */
  readonly model: string;
  /** Parsed request body. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Text of the last user message (chat) or the prompt (completion). */
  readonly lastUserText: string;
}

/** Scripted replies: a queue consumed in order (then generated text), or a function (return `undefined` to generate). */
export type MockReplies = readonly MockReply[] | ((context: MockReplyContext) => MockReply | undefined);
