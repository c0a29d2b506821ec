import { SamusError } from '@samus/kernel';
import { errorCodes } from './map-network-error.js';

/** A small GET's answer, its body read as text (bounded). */
export interface ProbeAnswer {
  status: number;
  text: string;
  /** Time until the body was read, in milliseconds. */
  ms: number;
}

const MAX_BODY_CHARS = 256 * 1024;
const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'EAFNOSUPPORT']);
const TIMED_OUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The coded error for a probe that got no answer: refused (`SERVER_NOT_RUNNING`), `TIMEOUT`, `ABORTED`, or `SERVER_NOT_RUNNING` with the socket code. */
function probeFailure(url: string, error: unknown, signal: AbortSignal): SamusError {
  const details = { url, phase: 'connect' };
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError'
      ? new SamusError('SAMUS_ERR_TIMEOUT', `GET ${url}: no answer before the probe timeout`, { cause: error, details })
      : new SamusError('SAMUS_ERR_ABORTED', `GET ${url}: aborted by the caller`, { cause: error, details });
  }
  // The whole cause chain: `localhost` tried on IPv4 and IPv6 fails with an AggregateError one level deeper.
  const codes = errorCodes(error);
  const refused = codes.find((code) => REFUSED.has(code));
  if (refused) return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `GET ${url}: connection failed (${refused})`, { cause: error, details });
  const timedOut = codes.find((code) => TIMED_OUT.has(code));
  if (timedOut) return new SamusError('SAMUS_ERR_TIMEOUT', `GET ${url}: timed out (${timedOut})`, { cause: error, details });
  const cause = (error as { cause?: { message?: string } } | undefined)?.cause;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `GET ${url}: ${codes[0] ? `${message} (${codes[0]})` : message}`, { cause: error, details });
}

/**
 * GET `url` for a fingerprint or a quick health look and read its body as text, bounded by `signal` (combine the
 * caller's signal with `AbortSignal.timeout` first). No redirects are followed. Rejects only when there was no answer:
 * `SAMUS_ERR_SERVER_NOT_RUNNING` (refused, unreachable), `SAMUS_ERR_TIMEOUT`, `SAMUS_ERR_ABORTED`.
 */
export async function probeGet(url: string, signal: AbortSignal, headers: Record<string, string> = {}): Promise<ProbeAnswer> {
  const start = performance.now();
  try {
    const response = await fetch(url, { signal, redirect: 'manual', headers: { accept: 'application/json, text/plain, */*', ...headers } });
    let text = await response.text();
    if (text.length > MAX_BODY_CHARS) text = text.slice(0, MAX_BODY_CHARS);
    return { status: response.status, text, ms: performance.now() - start };
  } catch (error) {
    throw probeFailure(url, error, signal);
  }
}

/** Parses JSON, returning `undefined` instead of throwing. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** True for an answer that asks for credentials (401/403). */
export function isAuthAnswer(answer: ProbeAnswer | undefined): boolean {
  return answer !== undefined && (answer.status === 401 || answer.status === 403);
}

/** An OpenAI-compatible `/v1/models` answer: 200 with `{ data: [...] }` (Ollama sends `data: null` when empty). */
export function isModelListAnswer(answer: ProbeAnswer | undefined): boolean {
  if (answer?.status !== 200) return false;
  const body = parseJsonOrUndefined(answer.text) as { data?: unknown; error?: unknown } | undefined | null;
  return body !== undefined && body !== null && typeof body === 'object' && body.error === undefined && (Array.isArray(body.data) || body.data === null);
}

/** Settles a probe to its answer, or `undefined` when it got none (for probes whose failure is not the verdict). */
export function answerOrUndefined(pending: Promise<ProbeAnswer>): Promise<ProbeAnswer | undefined> {
  return pending.catch(() => undefined);
}
