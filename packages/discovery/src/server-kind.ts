/**
 * The kinds of server discovery tells apart. Each id is also the kernel auth type of the provider that talks
 * to that server (`ollama`, `lm-studio`, `openai` for any other OpenAI-compatible server).
 */
export type ServerKind = 'ollama' | 'lm-studio' | 'openai';

/** Every server kind, in the order discovery prefers them when one address answers as several. */
export const SERVER_KINDS: readonly ServerKind[] = ['ollama', 'lm-studio', 'openai'];
