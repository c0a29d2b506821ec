/**
 * How configuration for one auth type is resolved: which environment variables feed which field, and the
 * defaults. Built-in specs cover the local servers and `openai`; a plugin can bring its own.
 */
export interface ConfigSpec {
  /** Variables for the base URL, first set one wins (e.g. `OLLAMA_BASE_URL`, then `OLLAMA_HOST`). */
  baseUrlEnv?: readonly string[];
  /** Variables for the model name. */
  modelEnv?: readonly string[];
  /** Variables for the API key or token. */
  apiKeyEnv?: readonly string[];
  defaultBaseUrl?: string;
  defaultModel?: string;
  /** Port assumed when an address has no scheme and no port (`OLLAMA_HOST=somehost`). */
  defaultPort?: number;
  /** When true, a missing base URL is an error. */
  requiresBaseUrl?: boolean;
}

/** The built-in specs, by auth type id. */
export const BUILTIN_CONFIG_SPECS: Readonly<Record<string, ConfigSpec>> = {
  ollama: {
    baseUrlEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
    modelEnv: ['OLLAMA_MODEL'],
    defaultBaseUrl: 'http://localhost:11434',
    defaultModel: 'llama3',
    defaultPort: 11434,
    requiresBaseUrl: true,
  },
  'lm-studio': {
    baseUrlEnv: ['LM_STUDIO_BASE_URL'],
    modelEnv: ['LM_STUDIO_MODEL'],
    apiKeyEnv: ['LM_API_TOKEN'],
    defaultBaseUrl: 'http://localhost:1234',
    defaultModel: 'local-model',
    defaultPort: 1234,
    requiresBaseUrl: true,
  },
  openai: {
    baseUrlEnv: ['OPENAI_BASE_URL'],
    modelEnv: ['OPENAI_MODEL'],
    apiKeyEnv: ['OPENAI_API_KEY'],
    defaultPort: 80,
    requiresBaseUrl: true,
  },
  'gemini-api-key': { modelEnv: ['GEMINI_MODEL'], apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  'vertex-ai': { modelEnv: ['GEMINI_MODEL'], apiKeyEnv: ['GOOGLE_API_KEY'] },
  'oauth-personal': { modelEnv: ['GEMINI_MODEL'] },
  'cloud-shell': { modelEnv: ['GEMINI_MODEL'] },
};
