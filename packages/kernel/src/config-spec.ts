/**
 * How configuration for one auth type is resolved: which environment variables feed which field, and the
 * defaults. Built-in specs cover the local servers and `openai`; a plugin can bring its own.
 */
export interface ConfigSpec {
  /** Variables for the base URL, first set one wins (e.g. `OLLAMA_BASE_URL`, then `OLLAMA_HOST`). */
  baseUrlEnv?: readonly string[];
  /** Variables for the model name. */
  modelEnv?: readonly string[];
  /** Variables for the utility model (used for hosts' utility calls: compression, routing, loop checks…). */
  utilityModelEnv?: readonly string[];
  /**
   * Provider options that environment variables can set, by option name (e.g. Ollama `numCtx` from
   * `OLLAMA_CONTEXT_LENGTH`). An explicit `providerOptions` entry wins over the variable.
   */
  providerOptionsEnv?: Readonly<Record<string, EnvProviderOption>>;
  /** Variables for the API key or token. */
  apiKeyEnv?: readonly string[];
  defaultBaseUrl?: string;
  defaultModel?: string;
  /** Port assumed when an address has no scheme and no port (`OLLAMA_HOST=somehost`). */
  defaultPort?: number;
  /** When true, a missing base URL is an error. */
  requiresBaseUrl?: boolean;
}

/** How one provider option is read from the environment. */
export interface EnvProviderOption {
  /** Variables, first set one wins. */
  env: readonly string[];
  /**
   * How the text is parsed and checked: `positive-integer` (`"8192"` → 8192), or `duration` in Ollama's
   * `OLLAMA_KEEP_ALIVE` format (a Go duration such as `"5m"`, `"1h30m"`, `"-1m"`, kept as a string, or a whole number
   * of seconds such as `"3600"` / `"-1"`, turned into a number).
   */
  kind: 'positive-integer' | 'duration';
  /** One-line fix shown when the value is bad. */
  hint?: string;
}

/** The built-in specs, by auth type id. */
export const BUILTIN_CONFIG_SPECS: Readonly<Record<string, ConfigSpec>> = {
  ollama: {
    baseUrlEnv: ['OLLAMA_BASE_URL', 'OLLAMA_HOST'],
    modelEnv: ['OLLAMA_MODEL'],
    utilityModelEnv: ['OLLAMA_UTILITY_MODEL'],
    providerOptionsEnv: {
      numCtx: {
        env: ['OLLAMA_CONTEXT_LENGTH'],
        kind: 'positive-integer',
        hint: 'Set OLLAMA_CONTEXT_LENGTH to a number of tokens such as 8192, or pass providerOptions.numCtx.',
      },
      keepAlive: {
        env: ['OLLAMA_KEEP_ALIVE'],
        kind: 'duration',
        hint: 'Set OLLAMA_KEEP_ALIVE to a duration with a unit ("30s", "5m", "1h"), or to seconds ("3600"; "-1" keeps the model loaded), or pass providerOptions.keepAlive.',
      },
    },
    defaultBaseUrl: 'http://localhost:11434',
    defaultModel: 'llama3',
    defaultPort: 11434,
    requiresBaseUrl: true,
  },
  'lm-studio': {
    baseUrlEnv: ['LM_STUDIO_BASE_URL'],
    modelEnv: ['LM_STUDIO_MODEL'],
    utilityModelEnv: ['LM_STUDIO_UTILITY_MODEL'],
    apiKeyEnv: ['LM_API_TOKEN'],
    defaultBaseUrl: 'http://localhost:1234',
    defaultModel: 'local-model',
    defaultPort: 1234,
    requiresBaseUrl: true,
  },
  openai: {
    baseUrlEnv: ['OPENAI_BASE_URL'],
    modelEnv: ['OPENAI_MODEL'],
    utilityModelEnv: ['OPENAI_UTILITY_MODEL'],
    apiKeyEnv: ['OPENAI_API_KEY'],
    defaultPort: 80,
    requiresBaseUrl: true,
  },
  'gemini-api-key': { modelEnv: ['GEMINI_MODEL'], apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  'vertex-ai': { modelEnv: ['GEMINI_MODEL'], apiKeyEnv: ['GOOGLE_API_KEY'] },
  'oauth-personal': { modelEnv: ['GEMINI_MODEL'] },
  'cloud-shell': { modelEnv: ['GEMINI_MODEL'] },
};
