import { SamusError, type Kernel, type ServerFingerprint } from '@samus/kernel';
import type { DiscoveredServer } from './discovered-server.js';
import type { ProbeTarget } from './probe-targets.js';

/** Why an address yielded no server. */
export type ProbeFailureReason = 'refused' | 'timeout' | 'aborted' | 'unrecognized' | 'error';

/** What probing one address found. */
export type ProbeOutcome =
  | { found: true; target: ProbeTarget; server: DiscoveredServer }
  | { found: false; target: ProbeTarget; reason: ProbeFailureReason; message: string; latencyMs: number };

/** Options of {@link fingerprintServer}. */
export interface FingerprintOptions {
  /** The kernel whose registered plugins' fingerprints are tried (each plugin id is a server kind). */
  kernel: Kernel;
  /** Limit for the whole fingerprint of one address, in milliseconds (default 500). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Default per-address probe timeout. Loopback answers in well under a millisecond; this bounds a black hole. */
export const DEFAULT_PROBE_TIMEOUT_MS = 500;

const round = (ms: number): number => Math.round(ms * 100) / 100;

function reasonOf(error: unknown): ProbeFailureReason {
  if (SamusError.is(error, 'SAMUS_ERR_TIMEOUT')) return 'timeout';
  if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) return 'aborted';
  if (SamusError.is(error, 'SAMUS_ERR_SERVER_NOT_RUNNING')) return 'refused';
  return 'error';
}

type Attempt = { kind: string; ms: number } & ({ match: ServerFingerprint } | { match: undefined } | { error: unknown });

/**
 * Fingerprints one address with the fingerprints of every registered plugin, in parallel, all bounded by one
 * timeout. A specific match wins over a generic one (an OpenAI-compatible `/v1/models` that Ollama and LM Studio
 * answer too); among equals the plugin registered first wins. Never throws.
 */
export async function fingerprintServer(target: ProbeTarget, options: FingerprintOptions): Promise<ProbeOutcome> {
  // Lazy plugins are imported first: the probe timeout is for the server, not for loading our code.
  const loaded = await Promise.all(
    options.kernel.plugins().map(async (plugin) => ({ kind: plugin.id, implementation: await options.kernel.implementation(plugin.id).catch(() => undefined) })),
  );
  const kinds = loaded.filter((entry) => typeof entry.implementation?.fingerprint === 'function').map((entry) => entry.kind);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const start = performance.now();
  const attempts: Attempt[] = await Promise.all(
    kinds.map(async (kind): Promise<Attempt> => {
      try {
        const match = await options.kernel.fingerprint(kind, target.url, signal);
        return { kind, match, ms: performance.now() - start };
      } catch (error) {
        return { kind, error, ms: performance.now() - start };
      }
    }),
  );
  const matches = attempts.filter((attempt): attempt is Attempt & { match: ServerFingerprint } => 'match' in attempt && attempt.match !== undefined);
  const winner = matches.find((attempt) => attempt.match.generic !== true) ?? matches[0];
  if (winner) {
    const { generic: _generic, ...fingerprint } = winner.match;
    return {
      found: true,
      target,
      server: { kind: winner.kind, url: target.url, source: target.source, aliases: [], latencyMs: round(winner.ms), ...fingerprint },
    };
  }
  const latencyMs = round(performance.now() - start);
  const answered = attempts.filter((attempt) => 'match' in attempt);
  const failures = attempts.filter((attempt): attempt is Attempt & { error: unknown } => 'error' in attempt);
  if (answered.length === 0 && failures.length > 0) {
    const failure = failures.find((f) => reasonOf(f.error) === 'timeout') ?? failures.find((f) => reasonOf(f.error) === 'aborted') ?? failures[0]!;
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    return { found: false, target, reason: signal.aborted && !timeout.aborted ? 'aborted' : reasonOf(failure.error), message, latencyMs };
  }
  return {
    found: false,
    target,
    reason: 'unrecognized',
    message:
      kinds.length === 0
        ? 'no registered plugin can fingerprint a server (register the provider plugins on the kernel passed to discovery)'
        : `an HTTP server answers but no registered plugin recognises it (tried ${kinds.join(', ')})`,
    latencyMs,
  };
}
