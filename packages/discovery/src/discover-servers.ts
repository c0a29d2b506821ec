import type { Kernel } from '@samus/kernel';
import type { DiscoveredServer } from './discovered-server.js';
import { fingerprintServer, type ProbeOutcome } from './fingerprint-server.js';
import { resolveProbeTargets, type ProbeTargetOptions } from './probe-targets.js';

/** Options of {@link discoverServers} and {@link probeAll}. */
export interface DiscoverOptions extends Omit<ProbeTargetOptions, 'plugins'> {
  /** The kernel whose registered plugins say where to look (their variables and default ports) and recognise servers. */
  kernel: Kernel;
  /** Per-address timeout in milliseconds (default 500); all addresses are probed in parallel. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Everything one discovery pass saw: the servers, and every probed address with its outcome. */
export interface DiscoveryReport {
  servers: DiscoveredServer[];
  outcomes: ProbeOutcome[];
  durationMs: number;
}

function loopbackTwin(url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.hostname === '127.0.0.1') parsed.hostname = '[::1]';
  else if (parsed.hostname === '[::1]') parsed.hostname = '127.0.0.1';
  else return undefined;
  return parsed.toString().replace(/\/+$/, '');
}

/**
 * Probes every target in parallel and returns the report. A dual-stack listener answering on both 127.0.0.1
 * and ::1 with the same kind and version is one server (the IPv4 address, the other as an alias).
 */
export async function probeAll(options: DiscoverOptions): Promise<DiscoveryReport> {
  const start = performance.now();
  const targets = resolveProbeTargets({ ...options, plugins: options.kernel.plugins() });
  const outcomes = await Promise.all(
    targets.map((target) =>
      fingerprintServer(target, {
        kernel: options.kernel,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    ),
  );
  const byUrl = new Map<string, DiscoveredServer>();
  for (const outcome of outcomes) if (outcome.found) byUrl.set(outcome.server.url, { ...outcome.server });
  const servers: DiscoveredServer[] = [];
  for (const server of byUrl.values()) {
    const twinUrl = loopbackTwin(server.url);
    const twin = twinUrl ? byUrl.get(twinUrl) : undefined;
    if (twin && twin.kind === server.kind && twin.version === server.version && new URL(server.url).hostname === '[::1]') {
      twin.aliases.push(server.url);
      continue;
    }
    servers.push(server);
  }
  return { servers, outcomes, durationMs: Math.round((performance.now() - start) * 100) / 100 };
}

/**
 * Finds the LLM servers the kernel's plugins recognise: on their default ports on 127.0.0.1 and ::1 (Ollama 11434,
 * LM Studio 1234) and at every configured address (the plugins' variables in `options.env`, such as `OLLAMA_HOST`,
 * `LM_STUDIO_BASE_URL`, `OPENAI_BASE_URL`, and `options.hosts`), in parallel with a short per-address timeout.
 * Probes nothing else.
 */
export async function discoverServers(options: DiscoverOptions): Promise<DiscoveredServer[]> {
  return (await probeAll(options)).servers;
}
