/**
 * What an OpenAI-compatible server accepts, as flags. Thin providers set them instead of the core knowing
 * server names.
 */
export interface OpenAICompatibleCapabilities {
  /** Send `stream_options: { include_usage: true }` so the stream ends with token usage. Default `true`. */
  streamUsage: boolean;
  /**
   * The server accepts `response_format: { type: "json_object" }`. When `false`, a request for JSON without a
   * schema sends a permissive `json_schema` (`{"type":"object"}`) instead. Default `true`.
   */
  jsonObjectResponseFormat: boolean;
  /** Send `top_k` (an extension most local servers accept) when `config.topK` is set. Default `true`. */
  topK: boolean;
  /**
   * The chat template opens the reasoning block in the prompt, so output starts inside `<think>` and only
   * `</think>` appears. When `true`, output is a thought until `</think>`. Default `false` (a missing opening
   * tag is still detected when `</think>` arrives; see `ThinkTagSplitter`).
   */
  reasoningStartsOpen: boolean;
  /** Send `encoding_format: "float"` on embedding requests. Default `true`. */
  embeddingsEncodingFormat: boolean;
}

/** The defaults of {@link OpenAICompatibleCapabilities}. */
export const DEFAULT_CAPABILITIES: Readonly<OpenAICompatibleCapabilities> = Object.freeze({
  streamUsage: true,
  jsonObjectResponseFormat: true,
  topK: true,
  reasoningStartsOpen: false,
  embeddingsEncodingFormat: true,
});
