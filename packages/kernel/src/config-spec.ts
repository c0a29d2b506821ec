/**
 * How configuration for one auth type is resolved: which environment variables feed which field, and the
 * defaults. Each provider plugin brings its own (`SamusPlugin.configSpecs`); the kernel keeps only the Gemini-side ones.
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

/**
 * The specs the kernel keeps itself: only the Gemini-side auth types it must know (no plugin of ours serves them, but a
 * host resolves their config through the kernel). Provider specs (`OLLAMA_*`, `LM_STUDIO_*`, `OPENAI_*`) come with their
 * plugins (`SamusPlugin.configSpecs`).
 */
export const BUILTIN_CONFIG_SPECS: Readonly<Record<string, ConfigSpec>> = {
  'gemini-api-key': { modelEnv: ['GEMINI_MODEL'], apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  'vertex-ai': { modelEnv: ['GEMINI_MODEL'], apiKeyEnv: ['GOOGLE_API_KEY'] },
  'oauth-personal': { modelEnv: ['GEMINI_MODEL'] },
  'cloud-shell': { modelEnv: ['GEMINI_MODEL'] },
};
