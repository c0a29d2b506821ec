/** Models baked into the shared Ollama container, by role. */
export interface OllamaModels {
  chat: string;
  embedding: string;
  /** A model whose `/api/show` reports the `tools` capability. */
  tools?: string;
}

/** What the contract project's global setup provides under the key `ollama`. */
export type OllamaProvided =
  | { available: true; baseUrl: string; version: string; models: OllamaModels }
  | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared real Ollama container of the contract project (see @samus/test-ollama). */
    ollama: OllamaProvided;
  }
}
