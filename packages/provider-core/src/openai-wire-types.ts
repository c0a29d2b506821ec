/**
 * The OpenAI chat-completions wire shapes this package sends, written out here (the fields local servers read) so
 * that no SDK is needed at run time or for the types. Every object also admits server extensions.
 */

/** A text part of a message. */
export interface ChatCompletionContentPartText {
  type: 'text';
  text: string;
}

/** An image part (`data:` URL or http URL). */
export interface ChatCompletionContentPartImage {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/** An audio part (base64). */
export interface ChatCompletionContentPartInputAudio {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
}

/** A file part (base64 `file_data` or a `file_id`). */
export interface ChatCompletionContentPartFile {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
}

/** One part of a message's content. */
export type ChatCompletionContentPart = ChatCompletionContentPartText | ChatCompletionContentPartImage | ChatCompletionContentPartInputAudio | ChatCompletionContentPartFile;

/** A function call the assistant made. */
export interface ChatCompletionMessageFunctionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A tool call of any kind (only function calls exist on local servers). */
export type ChatCompletionMessageToolCall = ChatCompletionMessageFunctionToolCall;

/** One message of the conversation. */
export type ChatCompletionMessageParam =
  | { role: 'system' | 'developer'; content: string | ChatCompletionContentPartText[]; name?: string }
  | { role: 'user'; content: string | ChatCompletionContentPart[]; name?: string }
  | { role: 'assistant'; content?: string | ChatCompletionContentPartText[] | null; tool_calls?: ChatCompletionMessageToolCall[]; name?: string; reasoning_content?: string }
  | { role: 'tool'; content: string | ChatCompletionContentPartText[]; tool_call_id: string };

/** A tool the model may call. */
export interface ChatCompletionFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

/** `response_format`. */
export type ChatCompletionResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null; description?: string } };

/** The `/chat/completions` request body. */
export interface ChatCompletionCreateParams {
  model: string;
  messages: ChatCompletionMessageParam[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  n?: number | null;
  tools?: ChatCompletionFunctionTool[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
  parallel_tool_calls?: boolean;
  response_format?: ChatCompletionResponseFormat;
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  user?: string;
}
