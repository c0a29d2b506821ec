import { errorCodes } from '@samus/provider-core';

/** The outcome of one small GET: a response, or why there was none. */
export type HttpGetResult =
  | { ok: true; status: number; text: string; ms: number }
  | { ok: false; reason: 'refused' | 'timeout' | 'aborted' | 'error'; message: string; ms: number };

const MAX_BODY_CHARS = 256 * 1024;
const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'EAFNOSUPPORT']);
const TIMED_OUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Why a fetch failed, from the error codes along undici's `TypeError: fetch failed` cause chain, or the abort reason. */
export function classifyFetchError(error: unknown, signal: AbortSignal): { reason: 'refused' | 'timeout' | 'aborted' | 'error'; message: string } {
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError' ? { reason: 'timeout', message: 'no answer before the probe timeout' } : { reason: 'aborted', message: 'aborted by the caller' };
  }
  const cause = (error as { cause?: { message?: string } } | undefined)?.cause;
  // The whole cause chain: `localhost` tried on IPv4 and IPv6 fails with an AggregateError one level deeper.
  const codes = errorCodes(error);
  const refused = codes.find((value) => REFUSED.has(value));
  if (refused) return { reason: 'refused', message: `connection failed (${refused})` };
  const timedOut = codes.find((value) => TIMED_OUT.has(value));
  if (timedOut) return { reason: 'timeout', message: `timed out (${timedOut})` };
  const code = codes[0];
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { reason: 'error', message: code ? `${message} (${code})` : message };
}

/**
 * GET `url` and read its body as text, bounded by `signal` (combine the caller's signal with
 * `AbortSignal.timeout` before calling). Never throws.
 */
export async function httpGet(url: string, signal: AbortSignal, headers: Record<string, string> = {}): Promise<HttpGetResult> {
  const start = performance.now();
  try {
    const response = await fetch(url, { signal, redirect: 'manual', headers: { accept: 'application/json, text/plain, */*', ...headers } });
    let text = await response.text();
    if (text.length > MAX_BODY_CHARS) text = text.slice(0, MAX_BODY_CHARS);
    return { ok: true, status: response.status, text, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, ...classifyFetchError(error, signal), ms: performance.now() - start };
  }
}

/** Parses JSON, returning `undefined` instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
