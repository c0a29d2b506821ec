/** Wire shapes of Ollama v0.11.4's native API (only the fields this package reads). */

/** `details` of `/api/tags`, `/api/show`, `/api/ps`. */
export interface OllamaModelDetails {
  parent_model?: string;
  format?: string;
  family?: string;
  families?: string[] | null;
  parameter_size?: string;
  quantization_level?: string;
}

/** One row of `GET /api/tags`. */
export interface OllamaTagsModel {
  name: string;
  model?: string;
  modified_at?: string;
  size?: number;
  digest?: string;
  details?: OllamaModelDetails;
}

/** `POST /api/show`. */
export interface OllamaShowResponse {
  parameters?: string;
  template?: string;
  details?: OllamaModelDetails;
  model_info?: Record<string, unknown>;
  /** GGUF keys of a separate vision projector (CLIP-style models such as LLaVA), e.g. `clip.vision.image_size`. */
  projector_info?: Record<string, unknown>;
  capabilities?: string[];
  modified_at?: string;
}

/** One row of `GET /api/ps`. */
export interface OllamaRunningModel {
  name: string;
  model?: string;
  size?: number;
  digest?: string;
  details?: OllamaModelDetails;
  expires_at?: string;
  size_vram?: number;
  context_length?: number;
}

/** A native chat message. */
export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  thinking?: string;
  images?: string[];
  tool_calls?: OllamaToolCall[];
  tool_name?: string;
}

/** A native tool call: arguments are an object, no id. */
export interface OllamaToolCall {
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

/** One NDJSON line of `/api/chat` (or its single non-streaming object). */
export interface OllamaChatChunk {
  model?: string;
  created_at?: string;
  message?: { role?: string; content?: string; thinking?: string; tool_calls?: OllamaToolCall[] };
  done?: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  error?: string;
}

/** `POST /api/chat` request body. */
export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  stream?: boolean;
  format?: 'json' | Record<string, unknown>;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  tools?: { type: 'function'; function: { name: string; description?: string; parameters: unknown } }[];
  think?: boolean | 'high' | 'medium' | 'low';
}

/** `POST /api/embed` answer. */
export interface OllamaEmbedResponse {
  model?: string;
  embeddings?: number[][];
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
}
