import { HttpTransport } from './http-transport.js';

/** A small GET's answer, its body read as text (bounded). */
export interface ProbeAnswer {
  status: number;
  text: string;
  /** Time until the body was read, in milliseconds. */
  ms: number;
}

const MAX_PROBE_BYTES = 1024 * 1024;
const NO_TIMEOUTS = { connectMs: 0, firstByteMs: 0, idleMs: 0, totalMs: 0 };

/**
 * GET `url` for a fingerprint or a quick health look and read its body as text (at most 1 MiB), bounded by `signal`
 * (combine the caller's signal with `AbortSignal.timeout` first). Goes through the one {@link HttpTransport}: no
 * retries, redirects only within the origin, failures classified as on every other path. Any status is an answer;
 * rejects only when there was none: `SAMUS_ERR_SERVER_NOT_RUNNING` (refused, unreachable), `SAMUS_ERR_WRONG_BASE_URL`
 * (unknown host, not HTTP), `SAMUS_ERR_TIMEOUT`, `SAMUS_ERR_ABORTED`.
 */
export async function probeGet(url: string, signal: AbortSignal, headers: Record<string, string> = {}): Promise<ProbeAnswer> {
  const start = performance.now();
  const target = new URL(url);
  const transport = new HttpTransport({ baseUrl: target.origin, headers, timeouts: NO_TIMEOUTS, retry: { maxRetries: 0 }, limits: { maxResponseBytes: MAX_PROBE_BYTES } });
  const answer = await transport.text({ method: 'GET', path: `${target.pathname}${target.search}`, signal, retry: false, accept: () => true });
  return { status: answer.status, text: answer.text, ms: performance.now() - start };
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
