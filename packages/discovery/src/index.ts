export { type CatalogueModel, matchesModelName } from './catalogue-model.js';
export { type BreakerState, type CircuitBreakerOptions } from './circuit-breaker.js';
export { discoverServers, probeAll, type DiscoverOptions, type DiscoveryReport } from './discover-servers.js';
export { type DiscoveredServer } from './discovered-server.js';
export { createDiscovery, type CreatePoolOptions, type Discovery, type DiscoveryOptions, type StaticServer } from './discovery.js';
export { DiscoveryEvents, type DiscoveryEventMap, type DiscoveryEventName, type RouteDecisionEvent, type RouteFailoverEvent, type RouteReason } from './discovery-events.js';
export { type FingerprintOptions, type ProbeFailureReason, type ProbeOutcome } from './fingerprint-server.js';
export { HealthMonitor, type HealthCheck, type HealthMonitorOptions, type ServerHealth, type ServerHealthState } from './health-monitor.js';
export { type MetricsSnapshot, type MetricsStoreOptions, type ModelMetrics } from './metrics-store.js';
export { ModelCatalogue, type CatalogueError, type ListServerModels, type ModelCatalogueOptions } from './model-catalogue.js';
export { pickChatModel } from './pick-chat-model.js';
export { createPoolPlugin, POOL_AUTH_TYPE } from './pool-plugin.js';
export { type ProbeTarget, type ProbeTargetOptions } from './probe-targets.js';
export { RoutingPool, type GeneratorFactory, type RoutingPoolOptions, type RouteRequest, type RouteStats } from './routing-pool.js';
export {
  resolveRoutingStrategy,
  type RouteCandidate,
  type RoutingStrategy,
  type RoutingStrategyName,
} from './routing-strategy.js';
export { sessionKeyOf } from './session-key.js';
export { type WindowStats } from './sliding-window.js';
