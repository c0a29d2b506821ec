import type { CapacityGate } from './capacity-gate';
import type { DownloadJobs } from './download-jobs';
import type { MockContextOverflow } from './inference-common';
import type { ModelCatalogue } from './model-catalogue';
import type { MockErrorShape } from './mock-lmstudio';
import type { MockModel } from './mock-model';
import type { MockReply, MockReplyContext } from './mock-reply';
import type { ResponseChannel } from './response-channel';
import type { VersionBehaviour } from './lmstudio-version';

/** Server-wide state shared by the handlers. */
export interface MockServerState {
  readonly catalogue: ModelCatalogue;
  readonly behaviour: VersionBehaviour;
  readonly downloads: DownloadJobs;
  readonly downloadableModels: readonly MockModel[];
  readonly seed: number;
  readonly duplicateLoadedRows: boolean;
  readonly reasoningField: 'reasoning_content' | 'reasoning';
  jit: boolean;
  /** Forced error-body shape (option `errorShape`), or `undefined` to follow the documented/version shape. */
  readonly errorShape: MockErrorShape | undefined;
  /** Next scripted reply, if any. */
  nextReply(context: MockReplyContext): MockReply | undefined;
  /** Slots, queue and prefix cache (option `capacity`); undefined = unlimited, the default. */
  readonly capacity?: CapacityGate | undefined;
  /** How a context overflow is answered (option `contextOverflow`); undefined = by version. */
  readonly contextOverflow?: MockContextOverflow | undefined;
  /** Option `answerWithLoadedModel`: a request for another model is answered by the loaded one. */
  readonly answerWithLoadedModel?: boolean | undefined;
}

/** One request being handled. */
export interface RequestContext {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Parsed JSON body (`undefined` when empty). */
  readonly body: unknown;
  /** JSON parse error message when the body was not valid JSON. */
  readonly bodyError: string | undefined;
  readonly channel: ResponseChannel;
  readonly state: MockServerState;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  /** Aborts when the client disconnects or the server closes. */
  readonly signal?: AbortSignal;
}

/** The body as a plain object (empty object when absent or not an object). */
export function bodyObject(context: RequestContext): Record<string, unknown> {
  const body = context.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * Error-body shape to use: the forced `errorShape` option when set; otherwise `documented` (the shape api-facts
 * records for that error), where `version` means "string before 0.4.0, object from 0.4.0".
 */
export function errorShapeFor(context: RequestContext, documented: MockErrorShape | 'version'): MockErrorShape {
  const state = context.state;
  if (state.errorShape) return state.errorShape;
  return documented === 'version' ? state.behaviour.defaultErrorShape : documented;
}
