import type { MockErrorShape } from './mock-lmstudio';

/** `{"error":"..."}` or `{"error":{"message","type","param","code"}}` (api-facts 3.6). */
export type OpenAIErrorBody =
  | { error: string }
  | { error: { message: string; type: string; param: string | null; code: string | null } };

/** Builds an error body in the chosen shape. */
export function errorBody(
  message: string,
  shape: MockErrorShape,
  details: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIErrorBody {
  if (shape === 'string') return { error: message };
  return { error: { message, type: details.type ?? 'invalid_request_error', param: details.param ?? null, code: details.code ?? null } };
}

/** The 200 answer to unknown paths and methods (api-facts 3.1). Always the string shape. */
export function unexpectedEndpointBody(method: string, path: string): { error: string } {
  return { error: `Unexpected endpoint or method. (${method} ${path})` };
}

/** api-facts 3.6: "No models loaded" message. */
export const NO_MODELS_LOADED_MESSAGE =
  "No models loaded. Please load a model in the developer page or use the 'lms load' command.";

/** `/api/v1` error body (api-facts 3.4). */
export function v1ErrorBody(type: string, message: string, extra: { code?: string; param?: string } = {}): {
  error: { type: string; message: string; code?: string; param?: string };
} {
  return { error: { type, message, ...extra } };
}
