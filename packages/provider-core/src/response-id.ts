/**
 * A response id for a server that sends none (Ollama's native API): `resp-<uuid>`. Every chunk of one response
 * carries the same id, as with Gemini's `responseId`.
 */
export function createResponseId(): string {
  return `resp-${globalThis.crypto.randomUUID()}`;
}
