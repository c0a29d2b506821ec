import { SamusError } from '@samus/kernel';
import type { CatalogueModel } from './catalogue-model.js';

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
  /**
   * Requests the server processes at once: configured (`capacities`) or learned (the most streams seen generating
   * there at the same time); undefined until known.
   */
  capacity?: number | undefined;
  /** Where `capacity` comes from. */
  capacitySource?: 'configured' | 'learned' | undefined;
  /** Measured prompt processing time per uncached prompt token on this server, ms (start of service to first token). */
  prefillMsPerToken?: number | undefined;
  /** Measured time from first token to end of an answer on this server, ms (moving average). */
  generationMs?: number | undefined;
  /** Moving average of a request's service time here (prefill of its uncached tokens + generation), ms. */
  serviceMs?: number | undefined;
  /** Estimated prompt tokens of the request being routed. */
  promptTokens?: number | undefined;
  /** Tokens of the request's prompt this server is believed to hold in its prompt cache (conversation affinity). */
  cachedTokens?: number | undefined;
}

/** Orders candidates best first. `turn` increases by one per routed request (for rotation and tie-breaks). */
export interface RoutingStrategy {
  readonly name: string;
  order(candidates: readonly RouteCandidate[], turn: number): RouteCandidate[];
}

/** The built-in strategies. */
export type RoutingStrategyName = 'round-robin' | 'least-busy' | 'lowest-ttft' | 'priority' | 'capacity-aware';

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

/**
 * The expected completion time of the request on a server, ms, or undefined while the server is unmeasured:
 * waiting (requests beyond its capacity, each taking the server's average service time, shared by its slots) plus
 * its own service (prompt processing of the tokens the server does not have cached, then generation).
 */
export function expectedCompletionMs(c: RouteCandidate): number | undefined {
  if (c.prefillMsPerToken === undefined) return undefined;
  const capacity = Math.max(1, c.capacity ?? 1);
  const uncached = Math.max(0, (c.promptTokens ?? 0) - (c.cachedTokens ?? 0));
  // Only whole answers measured so far (`generateContent`): their generation time is inside the prompt figure.
  const service = uncached * c.prefillMsPerToken + (c.generationMs ?? 0);
  const ahead = Math.max(0, c.inFlight + 1 - capacity);
  return (ahead * (c.serviceMs ?? service)) / capacity + service;
}

/**
 * Capacity- and cache-aware: the lowest expected completion time ({@link expectedCompletionMs}) first. It counts
 * the requests already in flight against each server's capacity (configured or learned), its measured prompt and
 * generation speed, and the prompt tokens the server already holds for this conversation — so a follow-up turn stays
 * where its prefix is cached while that saves time, and moves when the queue there costs more than the cache saves.
 * Moving to a server that is itself saturated also delays the requests queued there by the prompt processing the move
 * adds, so that extra work is counted once more per request it would queue behind (conversations do not churn
 * between equally busy servers). A server not measured yet gets one exploratory request while it has none in flight.
 */
export const capacityAwareStrategy: RoutingStrategy = {
  name: 'capacity-aware',
  order: (candidates, turn) => {
    let measured = false;
    let held = 0;
    for (const c of candidates) {
      if (expectedCompletionMs(c) !== undefined) measured = true;
      held = Math.max(held, c.cachedTokens ?? 0);
    }
    return rankBy(candidates, turn, (c) => {
      const expected = expectedCompletionMs(c);
      if (expected !== undefined) {
        // A move onto a saturated server: the forgone cache costs prompt processing once more per request it queues behind.
        const behind = Math.max(0, c.inFlight + 1 - Math.max(1, c.capacity ?? 1));
        return behind > 0 ? expected + behind * (held - (c.cachedTokens ?? 0)) * c.prefillMsPerToken! : expected;
      }
      if (c.inFlight === 0) return -1;
      // Nothing measured anywhere yet: spread by load relative to known capacity; otherwise wait for the exploration.
      return measured ? 1e15 + c.inFlight : c.inFlight / Math.max(1, c.capacity ?? 1);
    });
  },
};

const BUILT_IN: Record<RoutingStrategyName, RoutingStrategy> = {
  'capacity-aware': capacityAwareStrategy,
  'round-robin': roundRobinStrategy,
  'least-busy': leastBusyStrategy,
  'lowest-ttft': lowestTtftStrategy,
  priority: priorityStrategy,
};

/** The strategy used when none is named (or `auto`): `capacity-aware` (see the benchmark in the README). */
export const DEFAULT_ROUTING_STRATEGY: RoutingStrategy = capacityAwareStrategy;

/** Every built-in strategy name. */
export const ROUTING_STRATEGY_NAMES = Object.keys(BUILT_IN) as RoutingStrategyName[];

/**
 * The strategy for a name (or the strategy object itself); `auto` or nothing gives {@link DEFAULT_ROUTING_STRATEGY};
 * `SAMUS_ERR_INVALID_CONFIG` for an unknown name.
 */
export function resolveRoutingStrategy(strategy: RoutingStrategyName | RoutingStrategy | string | undefined): RoutingStrategy {
  if (strategy === undefined || strategy === 'auto') return DEFAULT_ROUTING_STRATEGY;
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
