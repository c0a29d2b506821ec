import { channel } from 'node:diagnostics_channel';

/** The `node:diagnostics_channel` channel on which conversion decisions worth a debug line are published. */
export const CONVERSION_DEBUG_CHANNEL = 'samus:conversion';

const debugChannel = channel(CONVERSION_DEBUG_CHANNEL);

/** One debug event of the conversion (`event` says what was decided, e.g. `tool-call:nameless-dropped`). */
export interface ConversionDebugEvent {
  event: string;
  details: Record<string, unknown>;
}

/**
 * Publishes a conversion decision (a dropped phantom tool-call slot, a de-duplicated replay, a repaired history)
 * on the `samus:conversion` diagnostics channel. Free when nobody subscribes.
 */
export function conversionDebug(event: string, details: Record<string, unknown>): void {
  if (debugChannel.hasSubscribers) debugChannel.publish({ event, details } satisfies ConversionDebugEvent);
}
