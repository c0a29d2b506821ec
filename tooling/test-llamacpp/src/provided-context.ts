/** What the contract project's global setup provides under the key `llamaCpp`. */
export type LlamaCppProvided =
  | {
      available: true;
      /** `http://127.0.0.1:<port>` (router mode). */
      baseUrl: string;
      /** Model ids served: chat (Gemma 3 270M), tools (SmolLM2-135M-Instruct) and, when its GGUF could be had, embedding. */
      models: { chat: string; tools: string; embedding?: string };
      /** Context size of the chat model. */
      contextSize: number;
      /** The llama-cpp-python release whose vendored llama.cpp was built. */
      version: string;
    }
  | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared real llama-server of the contract project (see @samus/test-llamacpp). */
    llamaCpp: LlamaCppProvided;
  }
}
