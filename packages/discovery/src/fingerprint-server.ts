import { type DiscoveredServer } from './discovered-server.js';
import { httpGet, parseJson, type HttpGetResult } from './http-get.js';
import { type ProbeTarget } from './probe-targets.js';

/** Why an address yielded no server. */
export type ProbeFailureReason = 'refused' | 'timeout' | 'aborted' | 'unrecognized' | 'error';

/** What probing one address found. */
export type ProbeOutcome =
  | { found: true; target: ProbeTarget; server: DiscoveredServer }
  | { found: false; target: ProbeTarget; reason: ProbeFailureReason; message: string; latencyMs: number };

/** Options of {@link fingerprintServer}. */
export interface FingerprintOptions {
  /** Limit for the whole fingerprint of one address, in milliseconds (default 500). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Default per-address probe timeout. Loopback answers in well under a millisecond; this bounds a black hole. */
export const DEFAULT_PROBE_TIMEOUT_MS = 500;

function isOllamaRoot(result: HttpGetResult): boolean {
  return result.ok && result.status === 200 && result.text.trimStart().startsWith('Ollama is running');
}

function isLmStudioGreeting(result: HttpGetResult): boolean {
  if (!result.ok || result.status !== 200) return false;
  const body = parseJson(result.text) as { lmstudio?: unknown } | undefined;
  return body?.lmstudio === true;
}

function isAuthStatus(result: HttpGetResult): boolean {
  return result.ok && (result.status === 401 || result.status === 403);
}

/** A `/v1/models` answer of an OpenAI-compatible server: `{ data: [...] }` (Ollama sends `data: null` when empty). */
function isModelList(result: HttpGetResult): boolean {
  if (!result.ok || result.status !== 200) return false;
  const body = parseJson(result.text) as { data?: unknown; error?: unknown } | undefined;
  return body !== undefined && body !== null && body.error === undefined && (Array.isArray(body.data) || body.data === null);
}

/** An `/api/v*` answer that is not LM Studio's 200-with-error "Unexpected endpoint" body. */
function isNativeSurface(result: HttpGetResult): boolean {
  if (isAuthStatus(result)) return true;
  if (!result.ok || result.status !== 200) return false;
  const body = parseJson(result.text) as { error?: unknown } | undefined;
  return body !== undefined && body !== null && typeof body === 'object' && body.error === undefined;
}

function describeAnswer(path: string, result: HttpGetResult): string {
  return result.ok ? `${path} answered HTTP ${result.status}` : `${path}: ${result.message}`;
}

/**
 * Fingerprints one address with a few parallel GETs, all bounded by one timeout:
 * Ollama (`GET /` text "Ollama is running" + `/api/version`), LM Studio (`/lmstudio-greeting` → `{"lmstudio":true}`;
 * unknown paths answer 200 with an error body, so bodies are checked, never just statuses), or any other
 * OpenAI-compatible server (`/v1/models` with a `data` list, or 401/403 when it needs a key). Never throws.
 */
export async function fingerprintServer(target: ProbeTarget, options: FingerprintOptions = {}): Promise<ProbeOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const start = performance.now();
  const base = target.url;
  const [root, version, greeting, models] = await Promise.all([
    httpGet(`${base}/`, signal),
    httpGet(`${base}/api/version`, signal),
    httpGet(`${base}/lmstudio-greeting`, signal),
    httpGet(`${base}/v1/models`, signal),
  ]);
  const firstRound = performance.now() - start;
  const latencyMs = Math.round(Math.min(...[root, greeting, models].map((r) => r.ms)) * 100) / 100;
  const found = (server: Omit<DiscoveredServer, 'url' | 'source' | 'aliases' | 'latencyMs'>): ProbeOutcome => ({
    found: true,
    target,
    server: { url: base, source: target.source, aliases: [], latencyMs, ...server },
  });

  if (isOllamaRoot(root)) {
    const parsed = version.ok && version.status === 200 ? (parseJson(version.text) as { version?: unknown } | undefined) : undefined;
    const apis = ['native'];
    if (isModelList(models) || isAuthStatus(models)) apis.push('openai');
    return found({
      kind: 'ollama',
      ...(typeof parsed?.version === 'string' ? { version: parsed.version } : {}),
      authRequired: isAuthStatus(models),
      apis,
    });
  }
  if (isLmStudioGreeting(greeting)) {
    const [v1, v0] = await Promise.all([httpGet(`${base}/api/v1/models`, signal), httpGet(`${base}/api/v0/models`, signal)]);
    const apis: string[] = [];
    if (isModelList(models) || isAuthStatus(models)) apis.push('openai');
    if (isNativeSurface(v0)) apis.push('api/v0');
    if (isNativeSurface(v1)) apis.push('api/v1');
    return found({ kind: 'lm-studio', authRequired: isAuthStatus(models) || isAuthStatus(v1) || isAuthStatus(v0), apis });
  }
  if (isModelList(models) || isAuthStatus(models)) {
    return found({ kind: 'openai', authRequired: isAuthStatus(models), apis: ['openai'] });
  }

  const results = [root, greeting, models];
  const failures = results.filter((r): r is Extract<HttpGetResult, { ok: false }> => !r.ok);
  const latency = Math.round(firstRound * 100) / 100;
  if (failures.length === results.length) {
    const reason = failures.find((f) => f.reason === 'timeout') ?? failures.find((f) => f.reason === 'aborted') ?? failures[0]!;
    return { found: false, target, reason: reason.reason, message: reason.message, latencyMs: latency };
  }
  return {
    found: false,
    target,
    reason: 'unrecognized',
    message: `an HTTP server answers but is not Ollama, LM Studio or OpenAI-compatible (${describeAnswer('GET /', root)}; ${describeAnswer('GET /v1/models', models)})`,
    latencyMs: latency,
  };
}
