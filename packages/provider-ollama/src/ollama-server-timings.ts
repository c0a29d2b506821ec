import type { ServerTimings } from '@samus/kernel';
import type { OllamaChatChunk } from './ollama-wire.js';

const NS_PER_MS = 1_000_000;

/** The server's own timings of a final chunk (ns → ms), for the `response:finish` event. */
export function toServerTimings(chunk: OllamaChatChunk): ServerTimings {
  const timings: ServerTimings = {};
  if (chunk.load_duration !== undefined) timings.loadMs = chunk.load_duration / NS_PER_MS;
  if (chunk.prompt_eval_duration !== undefined) timings.promptEvalMs = chunk.prompt_eval_duration / NS_PER_MS;
  if (chunk.eval_duration !== undefined) timings.evalMs = chunk.eval_duration / NS_PER_MS;
  if (chunk.total_duration !== undefined) timings.totalMs = chunk.total_duration / NS_PER_MS;
  if (chunk.prompt_eval_count !== undefined) timings.promptTokens = chunk.prompt_eval_count;
  if (chunk.eval_count !== undefined) timings.evalTokens = chunk.eval_count;
  if (chunk.eval_count !== undefined && chunk.eval_duration) timings.tokensPerSecond = (chunk.eval_count * 1e9) / chunk.eval_duration;
  if (chunk.load_duration !== undefined && chunk.prompt_eval_duration !== undefined) {
    timings.timeToFirstTokenMs = (chunk.load_duration + chunk.prompt_eval_duration) / NS_PER_MS;
  }
  return timings;
}
