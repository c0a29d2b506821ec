import { SamusError } from '@samus/kernel';

const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;

/** A keep-alive value as Ollama takes it: a Go duration string (`"5m"`, `"1h30m"`, `"0"`, `"-1h"`) or seconds. */
export type KeepAlive = string | number;

/**
 * Validates a keep-alive value before it reaches Ollama, which would answer 400 `time: missing unit in duration`
 * for `"10"`. Numbers are seconds (negative = keep loaded forever). Throws `SAMUS_ERR_INVALID_CONFIG`, or
 * `SAMUS_ERR_INVALID_REQUEST` when `source` says the value came with a request.
 */
export function validateKeepAlive(value: unknown, source: 'config' | 'request' = 'config'): KeepAlive {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '0' || GO_DURATION.test(text)) return text;
  }
  throw new SamusError(
    source === 'config' ? 'SAMUS_ERR_INVALID_CONFIG' : 'SAMUS_ERR_INVALID_REQUEST',
    `keepAlive ${JSON.stringify(value)} is not a duration Ollama understands`,
    {
      hint: 'Use a Go duration with a unit ("30s", "5m", "1h30m"), "0" to unload right after, or a number of seconds (-1 keeps the model loaded).',
      details: { field: 'keepAlive' },
    },
  );
}
