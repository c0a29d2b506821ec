import type { ThinkTagSplitterOptions } from './think-tag-splitter.js';
import type { ToOpenAIMessagesOptions } from './to-openai-messages.js';

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
  /**
   * Inline `<think>` tag parsing of the content: `true` (default) parses `<think>…</think>`, `false` turns it off
   * (tags stay in the text), or other tag names (`{ open: '[THINK]', close: '[/THINK]' }`). Once a response carried
   * structured reasoning (`reasoning_content`, typed `thinking` parts), tags count only before the answer starts.
   * `providerOptions.thinkTags` overrides it per generator.
   */
  thinkTags: boolean | { open: string; close: string };
  /**
   * Recover tool calls the model wrote as text (Hermes `<tool_call>`, Qwen3-Coder `<function=…>`, Mistral
   * `[TOOL_CALLS]`, Harmony, a bare JSON call) when the request declared tools, for declared names only. Default
   * `true` (local servers); `providerOptions.textToolCalls: false` turns it off per generator.
   */
  textToolCalls: boolean;
  /** Send earlier reasoning (`thought` parts of model turns) back as `reasoning_content`. Default `false`. */
  sendReasoning: boolean;
  /** The server accepts `input_audio` parts (wav, mp3) in user messages. Default `false`. */
  audioInput: boolean;
  /** The server accepts `file` parts (PDFs and other documents as data URLs) in user messages. Default `false`. */
  fileInput: boolean;
}

/** The defaults of {@link OpenAICompatibleCapabilities}. */
export const DEFAULT_CAPABILITIES: Readonly<OpenAICompatibleCapabilities> = Object.freeze({
  streamUsage: true,
  jsonObjectResponseFormat: true,
  topK: true,
  reasoningStartsOpen: false,
  embeddingsEncodingFormat: true,
  thinkTags: true,
  textToolCalls: true,
  sendReasoning: false,
  audioInput: false,
  fileInput: false,
});

/**
 * The `<think>` splitter options of a capability set (and whether output starts inside the block).
 * `providerOptions.thinkTags` (`true`, `false` or `{ open, close }`) overrides the capability per generator.
 */
export function thinkTagOptions(capabilities: Readonly<OpenAICompatibleCapabilities>, providerOptions?: Record<string, unknown>): ThinkTagSplitterOptions {
  const override = providerOptions?.['thinkTags'];
  const valid = override === false || override === true || (override !== null && typeof override === 'object' && typeof (override as { open?: unknown }).open === 'string' && typeof (override as { close?: unknown }).close === 'string');
  const tags = valid ? (override as OpenAICompatibleCapabilities['thinkTags']) : capabilities.thinkTags;
  if (tags === false) return { enabled: false };
  return {
    startsOpen: capabilities.reasoningStartsOpen,
    ...(typeof tags === 'object' && tags !== null ? { openTag: tags.open, closeTag: tags.close } : {}),
  };
}

/** The `toOpenAIMessages` options of a capability set. */
export function messageOptionsOf(capabilities: Readonly<OpenAICompatibleCapabilities>): ToOpenAIMessagesOptions {
  return { includeThoughts: capabilities.sendReasoning, media: { audio: capabilities.audioInput, files: capabilities.fileInput } };
}
