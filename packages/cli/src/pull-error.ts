import { SamusError } from '@samus/kernel';

/** Which server a pull talked to. */
export interface PullErrorContext {
  /** The auth type pulled with (`ollama`, `lm-studio`, or another plugin's: its errors pass through unchanged). */
  auth: string;
  model: string;
  baseUrl: string;
}

function serverMessageOf(error: SamusError): string {
  const message = error.details.serverMessage;
  return typeof message === 'string' ? message : '';
}

/**
 * Gives the errors a download meets a pull-specific message and hint. The providers report what the server said;
 * this adds what it means for `samus pull`: Ollama's `pull model manifest: file does not exist` is a name the
 * registry does not know, `invalid model name` a malformed name, a `dial tcp` / `no such host` failure means Ollama
 * itself cannot reach the internet, and a full disk is a full disk. Everything else passes through unchanged.
 */
export function explainPullError(error: unknown, context: PullErrorContext): unknown {
  if (!SamusError.is(error)) return error;
  const { model, baseUrl } = context;
  const details: Record<string, unknown> = { ...error.details, model, baseUrl };
  if (context.auth === 'ollama') {
    const said = serverMessageOf(error);
    if (/file does not exist|manifest unknown|pull model manifest: .*not found/i.test(said)) {
      return new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `Ollama's registry has no model "${model}" (Ollama at ${baseUrl} said: ${said})`, {
        hint: 'Check the name and tag against the Ollama model library (e.g. `gemma3:270m`, `llama3.2:3b`); names are lower case.',
        cause: error,
        details,
      });
    }
    if (/invalid model name/i.test(said)) {
      return new SamusError('SAMUS_ERR_INVALID_REQUEST', `"${model}" is not a valid Ollama model name`, {
        hint: 'Use name[:tag] or namespace/name[:tag], e.g. `gemma3:270m`; a full registry path needs no scheme.',
        cause: error,
        details,
      });
    }
    if (/dial tcp|no such host|i\/o timeout|network is unreachable|tls handshake|connection refused|proxyconnect/i.test(said)) {
      return new SamusError('SAMUS_ERR_OPERATION_FAILED', `Ollama at ${baseUrl} could not reach its model registry to pull "${model}": ${said}`, {
        hint: 'Check the internet connection of the machine Ollama runs on (a proxy goes in HTTPS_PROXY of `ollama serve`), then pull again; finished layers are kept.',
        cause: error,
        details,
        retryable: true,
      });
    }
    if (/no space left on device/i.test(said)) {
      return new SamusError('SAMUS_ERR_OPERATION_FAILED', `Ollama at ${baseUrl} ran out of disk space while pulling "${model}"`, {
        hint: 'Free disk space where Ollama keeps models (OLLAMA_MODELS, default ~/.ollama/models), or remove models with `ollama rm`.',
        cause: error,
        details,
      });
    }
    return error;
  }
  if (context.auth !== 'lm-studio') return error;
  if (error.code === 'SAMUS_ERR_OPERATION_FAILED' && error.details.jobId !== undefined) {
    return new SamusError('SAMUS_ERR_OPERATION_FAILED', error.message, {
      hint: 'Check the model id (a catalog id like `qwen/qwen3-4b` or a model page URL) and LM Studio\'s Downloads panel for the reason, then pull again.',
      cause: error,
      details,
    });
  }
  if (error.code === 'SAMUS_ERR_ABORTED' && error.details.jobId !== undefined) {
    return new SamusError('SAMUS_ERR_ABORTED', error.message, {
      hint: 'LM Studio has no call to cancel a download: it finishes (or is cancelled) in the app\'s Downloads panel.',
      cause: error,
      details,
    });
  }
  return error;
}
