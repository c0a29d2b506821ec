import { normalizeBaseUrl, type EnvSource, type SamusPlugin } from '@samus/kernel';

/** One address to fingerprint. */
export interface ProbeTarget {
  /** Normalised base URL. */
  url: string;
  /** Where the address came from: `default`, `option`, or `env:NAME`. */
  source: string;
  /** The plugin id the configuration suggests (a hint only: the fingerprints decide). */
  expectedKind?: string;
}

/** Options of {@link resolveProbeTargets}. */
export interface ProbeTargetOptions {
  /**
   * The registered plugins (`kernel.plugins()`): their config specs say which variables hold server addresses
   * (`baseUrlEnv`, e.g. `OLLAMA_HOST`) and which loopback ports are default (the port of `defaultBaseUrl`).
   */
  plugins?: readonly SamusPlugin[];
  /** Environment to read; default `process.env`, never written. */
  env?: EnvSource;
  /** Extra addresses to probe (any form `normalizeBaseUrl` accepts). */
  hosts?: readonly string[];
  /** Ports probed on 127.0.0.1 and ::1; default: the plugins' default ports. Pass `[]` to probe only configured hosts. */
  ports?: readonly number[];
}

const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]'];
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

interface PluginAddresses {
  kind: string;
  variables: { name: string; defaultPort: number | undefined }[];
  defaultPort?: number;
}

/** What each plugin's config specs say about where its servers are. */
function addressesOf(plugins: readonly SamusPlugin[]): PluginAddresses[] {
  return plugins.map((plugin) => {
    const variables: PluginAddresses['variables'] = [];
    let defaultPort: number | undefined;
    for (const authType of plugin.authTypes) {
      const spec = plugin.configSpecs?.[authType];
      if (!spec) continue;
      for (const name of spec.baseUrlEnv ?? []) if (!variables.some((v) => v.name === name)) variables.push({ name, defaultPort: spec.defaultPort });
      if (defaultPort === undefined && spec.defaultBaseUrl) {
        const url = new URL(normalizeBaseUrl(spec.defaultBaseUrl, { ...(spec.defaultPort === undefined ? {} : { defaultPort: spec.defaultPort }) }));
        if (LOOPBACK_NAMES.has(url.hostname) && url.port !== '') defaultPort = Number(url.port);
      }
    }
    return { kind: plugin.id, variables, ...(defaultPort === undefined ? {} : { defaultPort }) };
  });
}

/** The loopback ports probed by default: the ports of the plugins' default base URLs (Ollama 11434, LM Studio 1234), in registration order. */
export function defaultProbePorts(plugins: readonly SamusPlugin[]): number[] {
  return [...new Set(addressesOf(plugins).flatMap((entry) => (entry.defaultPort === undefined ? [] : [entry.defaultPort])))];
}

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
 * The addresses discovery probes: every configured address from `hosts` and from the plugins' variables in the
 * environment (`localhost` expanded to both loopback addresses), then the default ports on 127.0.0.1 and ::1,
 * deduplicated. Nothing else: no scanning beyond loopback and what was configured. Throws `SAMUS_ERR_INVALID_CONFIG`
 * for an unusable address.
 */
export function resolveProbeTargets(options: ProbeTargetOptions = {}): ProbeTarget[] {
  const env = options.env ?? process.env;
  const addresses = addressesOf(options.plugins ?? []);
  const targets = new Map<string, ProbeTarget>();
  const add = (url: string, source: string, expectedKind?: string): void => {
    for (const expanded of expandLocalhost(url)) {
      if (!targets.has(expanded)) targets.set(expanded, { url: expanded, source, ...(expectedKind ? { expectedKind } : {}) });
    }
  };
  for (const host of options.hosts ?? []) add(normalizeBaseUrl(host, { source: 'hosts option' }), 'option');
  for (const { kind, variables } of addresses) {
    for (const { name, defaultPort } of variables) {
      const value = env[name];
      if (value === undefined || value.trim() === '') continue;
      add(normalizeBaseUrl(value, { ...(defaultPort === undefined ? {} : { defaultPort }), source: name }), `env:${name}`, kind);
    }
  }
  for (const port of options.ports ?? defaultProbePorts(options.plugins ?? [])) {
    const kind = addresses.find((entry) => entry.defaultPort === port)?.kind;
    for (const host of LOOPBACK_HOSTS) add(`http://${host}:${port}`, 'default', kind);
  }
  return [...targets.values()];
}
