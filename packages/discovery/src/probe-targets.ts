import { normalizeBaseUrl, type EnvSource } from '@samus/kernel';
import { type ServerKind } from './server-kind.js';

/** One address to fingerprint. */
export interface ProbeTarget {
  /** Normalised base URL. */
  url: string;
  /** Where the address came from: `default`, `option`, or `env:NAME`. */
  source: string;
  /** The kind the configuration suggests (a hint only: the fingerprint decides). */
  expectedKind?: ServerKind;
}

/** Options of {@link resolveProbeTargets}. */
export interface ProbeTargetOptions {
  /** Environment to read (`OLLAMA_BASE_URL`, `OLLAMA_HOST`, `LM_STUDIO_BASE_URL`, `OPENAI_BASE_URL`); default `process.env`, never written. */
  env?: EnvSource;
  /** Extra addresses to probe (any form `normalizeBaseUrl` accepts). */
  hosts?: readonly string[];
  /** Ports probed on 127.0.0.1 and ::1; default `[11434, 1234]`. Pass `[]` to probe only configured hosts. */
  ports?: readonly number[];
}

/** The default ports: Ollama's 11434 and LM Studio's 1234. */
export const DEFAULT_PROBE_PORTS: readonly number[] = [11434, 1234];

const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]'];

const ENV_TARGETS: readonly { name: string; kind: ServerKind; defaultPort: number }[] = [
  { name: 'OLLAMA_BASE_URL', kind: 'ollama', defaultPort: 11434 },
  { name: 'OLLAMA_HOST', kind: 'ollama', defaultPort: 11434 },
  { name: 'LM_STUDIO_BASE_URL', kind: 'lm-studio', defaultPort: 1234 },
  { name: 'OPENAI_BASE_URL', kind: 'openai', defaultPort: 80 },
];

function expandLocalhost(url: string): string[] {
  const parsed = new URL(url);
  if (parsed.hostname !== 'localhost') return [url];
  return LOOPBACK_HOSTS.map((host) => {
    const copy = new URL(url);
    copy.hostname = host;
    return copy.toString().replace(/\/+$/, '');
  });
}

/**
 * The addresses discovery probes: the default ports on 127.0.0.1 and ::1, every configured address from the
 * environment and from `hosts` (`localhost` expanded to both loopback addresses), deduplicated. Nothing else:
 * no scanning beyond loopback and what was configured. Throws `SAMUS_ERR_INVALID_CONFIG` for an unusable address.
 */
export function resolveProbeTargets(options: ProbeTargetOptions = {}): ProbeTarget[] {
  const env = options.env ?? process.env;
  const targets = new Map<string, ProbeTarget>();
  const add = (url: string, source: string, expectedKind?: ServerKind): void => {
    for (const expanded of expandLocalhost(url)) {
      if (!targets.has(expanded)) targets.set(expanded, { url: expanded, source, ...(expectedKind ? { expectedKind } : {}) });
    }
  };
  for (const host of options.hosts ?? []) add(normalizeBaseUrl(host, { source: 'hosts option' }), 'option');
  for (const { name, kind, defaultPort } of ENV_TARGETS) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    add(normalizeBaseUrl(value, { defaultPort, source: name }), `env:${name}`, kind);
  }
  for (const port of options.ports ?? DEFAULT_PROBE_PORTS) {
    const kind: ServerKind | undefined = port === 11434 ? 'ollama' : port === 1234 ? 'lm-studio' : undefined;
    for (const host of LOOPBACK_HOSTS) add(`http://${host}:${port}`, 'default', kind);
  }
  return [...targets.values()];
}
