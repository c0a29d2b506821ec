import { lmStudioAdapter } from './lm-studio-adapter.js';
import { ollamaAdapter } from './ollama-adapter.js';
import { openAIAdapter } from './openai-adapter.js';
import { type ServerAdapter } from './server-adapter.js';
import { type ServerKind } from './server-kind.js';

/** The adapters discovery uses unless told otherwise: one per server kind, each backed by its provider package. */
export const BUILTIN_ADAPTERS: Readonly<Record<ServerKind, ServerAdapter>> = {
  ollama: ollamaAdapter,
  'lm-studio': lmStudioAdapter,
  openai: openAIAdapter,
};
