import {
  createKernel,
  SamusError,
  type ContentGenerator,
  type ContentGeneratorConfig,
  type EnvSource,
  type Kernel,
  type ModelInfo,
  type ProviderAdmin,
  type ProviderHealth,
  type RequestModelMode,
  type TimeoutConfig,
} from '@samus/kernel';
import type { CatalogueModel } from './catalogue-model.js';
import { credentialEnv, explainWithheldKey, withheldKeyVariables } from './credential-env.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import { probeAll, type DiscoveryReport } from './discover-servers.js';
import type { DiscoveredServer } from './discovered-server.js';
import { DiscoveryEvents } from './discovery-events.js';
import { fingerprintServer } from './fingerprint-server.js';
import { HealthMonitor, type ServerHealth } from './health-monitor.js';
import { MetricsStore, type MetricsStoreOptions } from './metrics-store.js';
import { ModelCatalogue } from './model-catalogue.js';
import { RoutingPool, type RoutingPoolOptions } from './routing-pool.js';
import type { RoutingStrategy, RoutingStrategyName } from './routing-strategy.js';

/** A server given by hand (no probing needed). */
export interface StaticServer {
  url: string;
  /** The id of the registered plugin that talks to it, e.g. `lm-studio`. */
  kind: string;
  version?: string;
}

/** Options of {@link createDiscovery}. */
export interface DiscoveryOptions {
  /**
   * Kernel whose registered provider plugins do all the talking: their config specs say where to probe, their
   * fingerprints recognise servers (the plugin id is the server kind), their admins list models and check health, and
   * they create the per-server generators; its events feed the metrics. Without one nothing can be recognised.
   */
  kernel?: Kernel;
  /** Environment to read (default: the kernel's, else `process.env`); never written. */
  env?: EnvSource;
  /** Extra addresses to probe. */
  hosts?: readonly string[];
  /** Ports probed on 127.0.0.1 and ::1 (default: the plugins' default ports, 11434 and 1234 for Ollama and LM Studio; `[]` for none). */
  ports?: readonly number[];
  /** Servers to use without probing (they are still health-checked). With `servers` set and no `hosts`/`ports`, nothing is probed. */
  servers?: readonly StaticServer[];
  /** Per-address probe timeout, ms (default 500). */
  probeTimeoutMs?: number;
  /** Token or key per server base URL (otherwise the plugin's own variable, e.g. LM_API_TOKEN). */
  apiKeys?: Readonly<Record<string, string>>;
  /** Health checking. */
  health?: {
    intervalMs?: number;
    checkTimeoutMs?: number;
    backoffMs?: number;
    maxBackoffMs?: number;
    breaker?: CircuitBreakerOptions;
  };
  /** Refresh the catalogue every this many ms while started (default: only on demand). */
  catalogueRefreshMs?: number;
  /** Re-probe for new servers every this many ms while started (default: only on demand). */
  probeIntervalMs?: number;
  /** Metrics windows. */
  metrics?: MetricsStoreOptions;
}

/** Options of {@link Discovery.createPool}. */
export interface CreatePoolOptions {
  /** Routing strategy (default and `auto`: `capacity-aware`). */
  strategy?: RoutingStrategyName | 'auto' | RoutingStrategy;
  priorities?: Readonly<Record<string, number>>;
  /** Parallel requests per server base URL (otherwise learned); see {@link RoutingPoolOptions.capacities}. */
  capacities?: Readonly<Record<string, number>>;
  /** Conversation cache affinity (default true). */
  affinity?: boolean;
  preferLoaded?: boolean;
  defaultModel?: string;
  /** Model for utility roles whose request names no model or a hosted one (see {@link RoutingPoolOptions}). */
  utilityModel?: string;
  /** The request-model mode (default `auto`). */
  requestModel?: RequestModelMode;
  /** Timeouts for the per-server generators (`firstByteMs` also bounds the failover deadline). */
  timeouts?: Partial<TimeoutConfig>;
  /**
   * Failover deadline before the first token while another server is left, ms (default adaptive, from the measured
   * first-token times; `0` turns it off); see {@link RoutingPoolOptions.failoverAfterMs}.
   */
  failoverAfterMs?: number;
  /** Retries each per-server generator makes before the pool fails over (default 0: the pool's failover is the retry). */
  providerRetries?: number;
  /** Provider options passed to every per-server generator. */
  providerOptions?: Record<string, unknown>;
  /** Creates the per-server generator (default: through the kernel). */
  createGenerator?: RoutingPoolOptions['createGenerator'];
}

/** Probing, catalogue, health, metrics and routing for a fleet of local servers. */
export interface Discovery {
  readonly events: DiscoveryEvents;
  readonly catalogue: ModelCatalogue;
  readonly health: HealthMonitor;
  readonly metrics: MetricsStore;
  /** Servers known so far (found by probes or given by hand). */
  servers(): DiscoveredServer[];
  /** Health of every known server. */
  healthSnapshot(): ServerHealth[];
  /** Probes for servers, adds new ones, refreshes the catalogue; returns the probe report. */
  refresh(options?: { signal?: AbortSignal }): Promise<DiscoveryReport>;
  /** Runs {@link Discovery.refresh} once if it never ran. */
  ready(): Promise<void>;
  /** Adds a server by hand. */
  addServer(server: DiscoveredServer | StaticServer): DiscoveredServer;
  /** Forgets a server. */
  removeServer(url: string): void;
  /** Starts health checks (and interval refreshes when configured); all timers are unref'd. */
  start(): void;
  /** Stops all timers. */
  stop(): void;
  /** A routing pool over this fleet. */
  createPool(options?: CreatePoolOptions): RoutingPool;
  /** Stops timers and detaches from the kernel's events. */
  close(): void;
}

function toServer(server: DiscoveredServer | StaticServer): DiscoveredServer {
  if ('apis' in server) return server;
  return {
    kind: server.kind,
    url: server.url.replace(/\/+$/, '').replace(/\/v1$/, ''),
    ...(server.version ? { version: server.version } : {}),
    authRequired: false,
    latencyMs: 0,
    apis: [],
    source: 'option',
    aliases: [],
  };
}

/**
 * Creates a discovery instance. Nothing happens until {@link Discovery.refresh} (probe + catalogue) or
 * {@link Discovery.start} (health checks) is called; {@link Discovery.close} stops everything.
 */
export function createDiscovery(options: DiscoveryOptions = {}): Discovery {
  const env = options.env ?? options.kernel?.env ?? process.env;
  const kernel = options.kernel ?? createKernel({ env });
  const events = new DiscoveryEvents();
  const known = new Map<string, DiscoveredServer>();
  const admins = new Map<string, Promise<ProviderAdmin>>();
  /** The auth type discovery uses for a server kind: the plugin's first one. */
  const authTypeOf = (kind: string): string => kernel.plugin(kind)?.authTypes[0] ?? kind;
  /** One admin per server and call limit, through the kernel (the plugin resolves its own key variable). */
  const adminFor = (server: DiscoveredServer, timeoutMs: number): Promise<ProviderAdmin> => {
    const key = `${server.kind}\u0000${server.url}\u0000${timeoutMs}`;
    let pending = admins.get(key);
    if (!pending) {
      const apiKey = options.apiKeys?.[server.url];
      pending = kernel.createAdmin(authTypeOf(server.kind), {
        env: credentialEnv(env, server.source, kernel.plugin(server.kind)),
        baseUrl: server.url,
        timeouts: { connectMs: timeoutMs, firstByteMs: timeoutMs, idleMs: timeoutMs, totalMs: timeoutMs },
        ...(apiKey ? { apiKey } : {}),
      });
      pending.catch(() => admins.delete(key));
      admins.set(key, pending);
    }
    return pending;
  };
  const catalogue = new ModelCatalogue({
    events,
    listModels: async (server, call): Promise<ModelInfo[]> => {
      try {
        return await (await adminFor(server, call.timeoutMs)).listModels({ signal: call.signal });
      } catch (error) {
        throw explainWithheldKey(error, server.url, withheldKeyVariables(env, server.source, kernel.plugin(server.kind)));
      }
    },
  });
  const checkTimeoutMs = options.health?.checkTimeoutMs ?? 2_000;
  const health = new HealthMonitor({
    events,
    ...options.health,
    async check(server, signal) {
      const canCheck = kernel.plugin(server.kind)?.capabilities?.health === true;
      if (!canCheck) {
        // A plugin without a health call: the server is healthy while its fingerprint still recognises it.
        const outcome = await fingerprintServer({ url: server.url, source: server.source }, { kernel, signal, timeoutMs: checkTimeoutMs });
        if (outcome.found && outcome.server.kind === server.kind) return;
        throw new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `${server.url} no longer answers as ${server.kind}: ${outcome.found ? `it is ${outcome.server.kind}` : outcome.message}`, {
          details: { url: server.url },
        });
      }
      const result: ProviderHealth = await (await adminFor(server, checkTimeoutMs)).health({ signal });
      if (!result.ok) {
        const error = result.error;
        throw new SamusError((error?.code ?? 'SAMUS_ERR_SERVER_NOT_RUNNING') as SamusError['code'], error?.message ?? `${server.url} is not healthy`, {
          ...(error?.hint ? { hint: error.hint } : {}),
          details: { url: server.url },
        });
      }
    },
  });
  const metrics = new MetricsStore(options.metrics);
  const detachMetrics = metrics.attach(kernel.events);
  let probeTimer: ReturnType<typeof setInterval> | undefined;
  let refreshed: Promise<void> | undefined;
  const probeEnabled = !options.servers || options.hosts !== undefined || options.ports !== undefined;

  const addServer = (input: DiscoveredServer | StaticServer, healthy = false): DiscoveredServer => {
    const server = toServer(input);
    const existing = known.get(server.url);
    if (existing) {
      Object.assign(existing, { ...server, aliases: [...new Set([...existing.aliases, ...server.aliases])] });
      health.add(existing);
      return existing;
    }
    known.set(server.url, server);
    health.add(server, healthy ? 'healthy' : 'unknown');
    events.emit('server:added', { url: server.url, kind: server.kind });
    return server;
  };
  for (const server of options.servers ?? []) addServer(server);

  const discovery: Discovery = {
    events,
    catalogue,
    health,
    metrics,
    servers: () => [...known.values()],
    healthSnapshot: () => health.snapshot(),
    async refresh(refreshOptions = {}) {
      let report: DiscoveryReport = { servers: [], outcomes: [], durationMs: 0 };
      if (probeEnabled) {
        report = await probeAll({
          kernel,
          env,
          ...(options.hosts ? { hosts: options.hosts } : {}),
          ...(options.ports ? { ports: options.ports } : {}),
          ...(options.probeTimeoutMs === undefined ? {} : { timeoutMs: options.probeTimeoutMs }),
          ...(refreshOptions.signal ? { signal: refreshOptions.signal } : {}),
        });
        for (const server of report.servers) {
          addServer(server, true);
          health.reportSuccess(server.url);
        }
      }
      await catalogue.refresh([...known.values()], refreshOptions.signal);
      refreshed ??= Promise.resolve();
      return report;
    },
    ready() {
      refreshed ??= discovery.refresh().then(() => undefined);
      return refreshed;
    },
    addServer: (server) => addServer(server),
    removeServer(url) {
      if (!known.delete(url)) return;
      for (const key of admins.keys()) if (key.split('\u0000')[1] === url) admins.delete(key);
      health.remove(url);
      catalogue.removeServer(url);
      events.emit('server:removed', { url });
    },
    start() {
      health.start();
      if (options.catalogueRefreshMs) catalogue.startAutoRefresh(() => [...known.values()], options.catalogueRefreshMs);
      if (options.probeIntervalMs && probeEnabled && !probeTimer) {
        probeTimer = setInterval(() => {
          discovery.refresh().catch(() => undefined);
        }, options.probeIntervalMs);
        probeTimer.unref();
      }
    },
    stop() {
      health.stop();
      catalogue.stop();
      if (probeTimer) clearInterval(probeTimer);
      probeTimer = undefined;
    },
    createPool(poolOptions = {}) {
      const cache = new Map<string, Promise<ContentGenerator>>();
      const createGenerator =
        poolOptions.createGenerator ??
        ((model: CatalogueModel): Promise<ContentGenerator> => {
          if (!kernel.pluginFor(authTypeOf(model.serverKind))) {
            return Promise.reject(
              new SamusError('SAMUS_ERR_INVALID_CONFIG', 'The routing pool needs a kernel with provider plugins to create per-server generators', {
                hint: 'Pass `kernel` to createDiscovery() and register the provider plugins (ollamaPlugin, lmStudioPlugin, openaiPlugin) on it.',
              }),
            );
          }
          const key = `${model.server}\u0000${model.id}`;
          let pending = cache.get(key);
          if (!pending) {
            const apiKey = options.apiKeys?.[model.server]; // otherwise the provider reads its own env variable (configured addresses only)
            const source = known.get(model.server)?.source ?? 'default';
            const config: ContentGeneratorConfig = kernel.createContentGeneratorConfig(authTypeOf(model.serverKind), {
              env: credentialEnv(env, source, kernel.plugin(model.serverKind)),
              baseUrl: model.server,
              model: model.id,
              maxRetries: poolOptions.providerRetries ?? 0,
              ...(apiKey ? { apiKey } : {}),
              ...(poolOptions.timeouts ? { timeouts: poolOptions.timeouts } : {}),
              ...(poolOptions.providerOptions ? { providerOptions: poolOptions.providerOptions } : {}),
            });
            pending = kernel.createContentGenerator(config);
            pending.catch(() => cache.delete(key));
            cache.set(key, pending);
          }
          return pending;
        });
      let lastMissRefresh = 0;
      return new RoutingPool({
        catalogue,
        health,
        createGenerator,
        ...(poolOptions.strategy ? { strategy: poolOptions.strategy } : {}),
        ...(poolOptions.priorities ? { priorities: poolOptions.priorities } : {}),
        ...(poolOptions.capacities ? { capacities: poolOptions.capacities } : {}),
        ...(poolOptions.affinity === undefined ? {} : { affinity: poolOptions.affinity }),
        events,
        metrics,
        ...(poolOptions.timeouts?.firstByteMs === undefined ? {} : { firstByteMs: poolOptions.timeouts.firstByteMs }),
        ...(poolOptions.failoverAfterMs === undefined ? {} : { failoverAfterMs: poolOptions.failoverAfterMs }),
        ...(poolOptions.preferLoaded === undefined ? {} : { preferLoaded: poolOptions.preferLoaded }),
        ...(poolOptions.defaultModel ? { defaultModel: poolOptions.defaultModel } : {}),
        ...(poolOptions.utilityModel ? { utilityModel: poolOptions.utilityModel } : {}),
        ...(poolOptions.requestModel ? { requestModel: poolOptions.requestModel } : {}),
        async onModelMissing() {
          // At most one catalogue refresh per second for unknown models (a typo must not hammer the servers).
          if (Date.now() - lastMissRefresh < 1_000) return;
          lastMissRefresh = Date.now();
          await catalogue.refresh([...known.values()]);
        },
      });
    },
    close() {
      discovery.stop();
      detachMetrics();
    },
  };
  return discovery;
}
