/**
 * The stable catalogue of `SAMUS_ERR_*` codes. Each code has a default fix hint (a sentence for the person
 * reading the error) and says whether retrying the same request may succeed. `docs/errors.md` lists every
 * code; a test keeps the two in sync.
 */
export const ERROR_CODES = {
  SAMUS_ERR_PLUGIN_SPEC_VERSION: {
    retryable: false,
    hint: 'Install a version of the plugin package built for this @samus/kernel (same specificationVersion).',
  },
  SAMUS_ERR_PLUGIN_DUPLICATE: {
    retryable: false,
    hint: 'Register each plugin once; two copies of the same provider package may be installed (check `pnpm why`).',
  },
  SAMUS_ERR_PLUGIN_DEPENDENCY: {
    retryable: false,
    hint: 'Register the plugins this one depends on first.',
  },
  SAMUS_ERR_PLUGIN_NOT_REGISTERED: {
    retryable: false,
    hint: 'Install and register the provider package for this auth type, e.g. `kernel.register(ollamaPlugin)`.',
  },
  SAMUS_ERR_PLUGIN_LOAD: {
    retryable: false,
    hint: 'The plugin module failed to import: reinstall the provider package and check its peer dependencies.',
  },
  SAMUS_ERR_INVALID_CONFIG: {
    retryable: false,
    hint: 'Fix the listed options or environment variables.',
  },
  SAMUS_ERR_SERVER_NOT_RUNNING: {
    retryable: true,
    hint: 'Start the server, or point the base URL at the machine and port where it listens.',
  },
  SAMUS_ERR_WRONG_BASE_URL: {
    retryable: false,
    hint: 'The base URL reaches a server, but not the expected API: check host, port and path.',
  },
  SAMUS_ERR_MODEL_NOT_FOUND: {
    retryable: false,
    hint: 'Use a model the server has (list them with `samus models`), or download it first.',
  },
  SAMUS_ERR_MODEL_NOT_LOADED: {
    retryable: false,
    hint: 'Load the model on the server first, or enable just-in-time loading.',
  },
  SAMUS_ERR_CAPABILITY_MISSING: {
    retryable: false,
    hint: 'Pick a model with this capability, or leave the feature out of the request.',
  },
  SAMUS_ERR_INSUFFICIENT_MEMORY: {
    retryable: false,
    hint: 'Use a smaller model or quantisation, a smaller context window, or unload other models.',
  },
  SAMUS_ERR_CONTEXT_OVERFLOW: {
    retryable: false,
    hint: 'Shorten the prompt or raise the context window (for Ollama: OLLAMA_CONTEXT_LENGTH or `numCtx`).',
  },
  SAMUS_ERR_UNAUTHORIZED: {
    retryable: false,
    hint: 'Set the API key or token the server expects (for example LM_API_TOKEN or OPENAI_API_KEY).',
  },
  SAMUS_ERR_RATE_LIMITED: {
    retryable: true,
    hint: 'Send fewer requests at once, or wait and retry.',
  },
  SAMUS_ERR_TIMEOUT: {
    retryable: true,
    hint: 'Raise the timeout for the phase named in the message (a first request may have to load the model).',
  },
  SAMUS_ERR_ABORTED: {
    retryable: false,
    hint: 'The request was cancelled by its caller; nothing to fix unless that was unintended.',
  },
  SAMUS_ERR_INVALID_REQUEST: {
    retryable: false,
    hint: 'The server rejected the request: check the parameters named in the message.',
  },
  SAMUS_ERR_INVALID_RESPONSE: {
    retryable: false,
    hint: 'The server sent something that is not a valid response for this API: check the base URL and server version.',
  },
  SAMUS_ERR_SERVER_ERROR: {
    retryable: true,
    hint: 'The server failed internally: check its log, then retry.',
  },
  SAMUS_ERR_STREAM_INTERRUPTED: {
    retryable: false,
    hint: 'The connection broke after output had started; the partial text is attached. Retry the request.',
  },
  SAMUS_ERR_LIMIT_EXCEEDED: {
    retryable: false,
    hint: 'The server sent more than a limit allows (named in the message): raise that entry of `limits` only if the server is trusted.',
  },
  SAMUS_ERR_NO_HEALTHY_SERVER: {
    retryable: true,
    hint: 'No server that has this model is healthy: start one, or check `samus discover`.',
  },
  SAMUS_ERR_OPERATION_FAILED: {
    retryable: false,
    hint: 'A model operation (pull, load, delete) failed on the server: see the message and the server log.',
  },
  SAMUS_ERR_USAGE: {
    retryable: false,
    hint: 'Check the command line against `samus help <command>`.',
  },
} as const satisfies Record<string, { retryable: boolean; hint: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every error code, in catalogue order. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];
