export { type CatalogueModel, matchesModelName } from './catalogue-model.js';
export { CircuitBreaker, type BreakerState, type CircuitBreakerOptions } from './circuit-breaker.js';
export { discoverServers, probeAll, type DiscoverOptions, type DiscoveryReport } from './discover-servers.js';
export { type DiscoveredServer } from './discovered-server.js';
export { createDiscovery, type CreatePoolOptions, type Discovery, type DiscoveryOptions, type StaticServer } from './discovery.js';
export { DiscoveryEvents, type DiscoveryEventMap, type DiscoveryEventName } from './discovery-events.js';
export {
  DEFAULT_PROBE_TIMEOUT_MS,
  fingerprintServer,
  type FingerprintOptions,
  type ProbeFailureReason,
  type ProbeOutcome,
} from './fingerprint-server.js';
export { HealthMonitor, type HealthCheck, type HealthMonitorOptions, type ServerHealth, type ServerHealthState } from './health-monitor.js';
export { MetricsStore, type MetricsSnapshot, type MetricsStoreOptions, type ModelMetrics } from './metrics-store.js';
export { ModelCatalogue, type CatalogueError, type ListServerModels, type ModelCatalogueOptions } from './model-catalogue.js';
export { pickChatModel } from './pick-chat-model.js';
export { createPoolPlugin, POOL_AUTH_TYPE, POOL_CONFIG_SPEC } from './pool-plugin.js';
export { defaultProbePorts, resolveProbeTargets, type ProbeTarget, type ProbeTargetOptions } from './probe-targets.js';
export { isFailoverError, isServerFault, RoutingPool, type GeneratorFactory, type RoutingPoolOptions } from './routing-pool.js';
export {
  leastBusyStrategy,
  lowestTtftStrategy,
  priorityStrategy,
  resolveRoutingStrategy,
  roundRobinStrategy,
  ROUTING_STRATEGY_NAMES,
  type RouteCandidate,
  type RoutingStrategy,
  type RoutingStrategyName,
  TTFT_TOLERANCE,
} from './routing-strategy.js';
export { percentile, SlidingWindow, type WindowStats } from './sliding-window.js';
