import { SamusError } from '@samus/kernel';

/** Context for error mapping: where the request went. */
export interface NetworkErrorContext {
  /** The full request URL. */
  url: string;
  /** The server address shown to the person (defaults to the URL's origin). */
  baseUrl?: string;
}

const NOT_RUNNING = new Set(['ECONNREFUSED', 'EAFNOSUPPORT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL', 'EPIPE']);
const NO_SUCH_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/**
 * The errors along a `cause` chain, outermost first (`fetch failed` → its cause; each of an `AggregateError`'s
 * `errors` from happy eyeballs), each once, at most 6 levels deep.
 */
export function errorChain(error: unknown): object[] {
  const chain: object[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    chain.push(value);
    const record = value as { cause?: unknown; errors?: unknown };
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
    visit(record.cause, depth + 1);
  };
  visit(error, 0);
  return chain;
}

/** The error codes along a `cause` chain (`fetch failed` → `ECONNREFUSED`; `AggregateError` from happy eyeballs). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (const entry of errorChain(error)) {
    const record = entry as { code?: unknown; name?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    if (record.name === 'HTTPParserError' || record.name === 'ResponseContentLengthMismatchError') codes.push(String(record.name));
  }
  return codes;
}

/**
 * Maps a failure of `fetch` itself (no HTTP response) to a `SamusError`: connection refused / reset / unreachable
 * → `SAMUS_ERR_SERVER_NOT_RUNNING` naming the address; unknown host → `SAMUS_ERR_WRONG_BASE_URL`; undici's own
 * connect / headers / body timeouts → `SAMUS_ERR_TIMEOUT` with the phase; a peer that does not speak HTTP →
 * `SAMUS_ERR_WRONG_BASE_URL`; anything else → `SAMUS_ERR_SERVER_NOT_RUNNING` with the cause attached. Returns
 * `error` unchanged when it already is a `SamusError`.
 */
export function mapNetworkError(error: unknown, context: NetworkErrorContext): SamusError {
  if (SamusError.is(error)) return error;
  const baseUrl = context.baseUrl ?? safeOrigin(context.url);
  const codes = errorCodes(error);
  const details = { url: context.url, baseUrl, errorCodes: codes };
  if (codes.some((code) => NO_SUCH_HOST.has(code))) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `The host of ${baseUrl} cannot be resolved (${codes.join(', ')})`, {
      hint: 'Check the host name in the base URL (for a server on this machine use 127.0.0.1 or localhost).',
      cause: error,
      details,
    });
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return new SamusError('SAMUS_ERR_TIMEOUT', `Could not connect to ${baseUrl} in time (connect timeout)`, {
      cause: error,
      retryable: true,
      details: { ...details, phase: 'connect' },
    });
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new SamusError('SAMUS_ERR_TIMEOUT', `${baseUrl} sent no response headers in time (the HTTP client's own headers timeout)`, {
      hint: "Node's fetch waits at most 300 s for headers; a longer model load needs a custom fetch with a larger undici headersTimeout.",
      cause: error,
      retryable: false,
      details: { ...details, phase: 'first-byte' },
    });
  }
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return new SamusError('SAMUS_ERR_TIMEOUT', `${baseUrl} stopped sending data (the HTTP client's own body timeout)`, {
      cause: error,
      retryable: false,
      details: { ...details, phase: 'idle' },
    });
  }
  if (codes.includes('HTTPParserError') || codes.some((code) => code.startsWith('HPE_'))) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${baseUrl} does not answer HTTP: another kind of server listens on that port`, {
      cause: error,
      details,
    });
  }
  if (codes.includes('UND_ERR_SOCKET') || codes.includes('ECONNRESET')) {
    return new SamusError('SAMUS_ERR_SERVER_ERROR', `${baseUrl} closed the connection before answering`, {
      hint: 'The server may have crashed or restarted: check its log, then retry.',
      cause: error,
      details,
    });
  }
  if (codes.some((code) => NOT_RUNNING.has(code))) {
    return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `No server is listening at ${baseUrl} (${codes.find((code) => NOT_RUNNING.has(code))})`, {
      hint: `Start the server, or point the base URL at the machine and port where it listens (now ${baseUrl}).`,
      cause: error,
      details,
    });
  }
  const message = describeNetworkFailure(error);
  return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `Could not reach ${baseUrl}: ${message}${codes.length ? ` (${codes.join(', ')})` : ''}`, {
    hint: `Check that the server runs and that the base URL (${baseUrl}) is right.`,
    cause: error,
    details,
  });
}

/**
 * What went wrong with a request that got no answer, for a message: the innermost message along the cause chain
 * that says more than undici's bare `fetch failed` (a phrase our messages never carry: hosts such as gemini-cli
 * retry any error whose message contains it, on top of our own retries).
 */
export function describeNetworkFailure(error: unknown): string {
  const messages = errorChain(error)
    .map((entry) => (entry as { message?: unknown }).message)
    .filter((message): message is string => typeof message === 'string' && message.trim() !== '' && !/fetch failed/i.test(message));
  return messages.at(-1) ?? 'the request failed without an answer';
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
