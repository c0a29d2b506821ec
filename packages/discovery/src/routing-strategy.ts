import { SamusError } from '@samus/kernel';
import { type CatalogueModel } from './catalogue-model.js';

/** One server that can serve a request, with what the pool knows about it right now. */
export interface RouteCandidate {
  /** Server base URL. */
  url: string;
  /** The catalogue entry of the requested model on that server. */
  model: CatalogueModel;
  /** Requests the pool has in flight on this server and model. */
  inFlight: number;
  /** Recent time to first token on this server and model (median of the last 15 samples), ms; undefined until measured or when stale. */
  ttftMs: number | undefined;
  /** Milliseconds since the last TTFT sample (undefined with `ttftMs`). */
  ttftAgeMs: number | undefined;
  /** Configured priority (higher first; default 0). */
  priority: number;
}

/** Orders candidates best first. `turn` increases by one per routed request (for rotation and tie-breaks). */
export interface RoutingStrategy {
  readonly name: string;
  order(candidates: readonly RouteCandidate[], turn: number): RouteCandidate[];
}

/** The built-in strategies. */
export type RoutingStrategyName = 'round-robin' | 'least-busy' | 'lowest-ttft' | 'priority';

function rotate<T>(items: readonly T[], turn: number): T[] {
  if (items.length <= 1) return [...items];
  const start = turn % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/** Sorts stably by `score`, rotating first so that ties are shared out in turn. */
function rankBy(candidates: readonly RouteCandidate[], turn: number, score: (c: RouteCandidate) => number): RouteCandidate[] {
  return rotate(candidates, turn)
    .map((candidate, index) => ({ candidate, index, score: score(candidate) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.candidate);
}

/** Each server in turn. */
export const roundRobinStrategy: RoutingStrategy = {
  name: 'round-robin',
  order: (candidates, turn) => rotate(candidates, turn),
};

/** Fewest requests in flight first; ties in turn. */
export const leastBusyStrategy: RoutingStrategy = {
  name: 'least-busy',
  order: (candidates, turn) => rankBy(candidates, turn, (c) => c.inFlight),
};

/** Servers whose recent TTFT is within this factor of the best one count as equally fast. */
export const TTFT_TOLERANCE = 1.25;

/**
 * Lowest recent time to first token first. Servers within {@link TTFT_TOLERANCE} of the best count as equally fast
 * and the one measured most recently wins among them: a server that was idle for a while keeps an old, possibly
 * flattering figure, and must not draw the whole load on it (herding) unless it is clearly faster. A server without
 * a recent measurement gets one exploratory request (first while it has nothing in flight, last otherwise).
 */
export const lowestTtftStrategy: RoutingStrategy = {
  name: 'lowest-ttft',
  order: (candidates, turn) => {
    let best = Number.POSITIVE_INFINITY;
    for (const c of candidates) if (c.ttftMs !== undefined && c.ttftMs < best) best = c.ttftMs;
    const measured = best !== Number.POSITIVE_INFINITY;
    return rankBy(candidates, turn, (c) => {
      if (c.ttftMs !== undefined) return c.ttftMs <= best * TTFT_TOLERANCE ? (c.ttftAgeMs ?? 0) : 1e9 + c.ttftMs;
      if (c.inFlight === 0) return -1;
      // Nothing measured anywhere yet: spread by load; otherwise wait for the exploratory request.
      return measured ? Number.MAX_SAFE_INTEGER : c.inFlight;
    });
  },
};

/** Highest configured priority first; ties in turn. */
export const priorityStrategy: RoutingStrategy = {
  name: 'priority',
  order: (candidates, turn) => rankBy(candidates, turn, (c) => -c.priority),
};

const BUILT_IN: Record<RoutingStrategyName, RoutingStrategy> = {
  'round-robin': roundRobinStrategy,
  'least-busy': leastBusyStrategy,
  'lowest-ttft': lowestTtftStrategy,
  priority: priorityStrategy,
};

/** Every built-in strategy name. */
export const ROUTING_STRATEGY_NAMES = Object.keys(BUILT_IN) as RoutingStrategyName[];

/** The strategy for a name (or the strategy object itself); `SAMUS_ERR_INVALID_CONFIG` for an unknown name. */
export function resolveRoutingStrategy(strategy: RoutingStrategyName | RoutingStrategy | string | undefined): RoutingStrategy {
  if (strategy === undefined) return leastBusyStrategy;
  if (typeof strategy !== 'string') return strategy;
  const found = BUILT_IN[strategy as RoutingStrategyName];
  if (!found) {
    throw new SamusError('SAMUS_ERR_INVALID_CONFIG', `Unknown routing strategy "${strategy}"`, {
      hint: `Use one of: ${ROUTING_STRATEGY_NAMES.join(', ')}.`,
      details: { field: 'strategy' },
    });
  }
  return found;
}
