import { NdjsonParser, type RequestDeadline } from '@samus/provider-core/internal';
import { SamusError } from '@samus/kernel';

/**
 * Reads an NDJSON body (Ollama's streams) value by value with provider-core's `NdjsonParser`, under the request's
 * {@link RequestDeadline} (first byte, idle between reads, total, caller abort). Stopping early cancels the body,
 * which closes the connection (Ollama then stops generating).
 */
export async function* readNdjson<T>(response: Response, deadline: RequestDeadline): AsyncGenerator<T> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  let queue: T[] = [];
  const parser = new NdjsonParser<T>((value) => queue.push(value));
  let completed = false;
  let first = true;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        throw (
          deadline.toError(error) ??
          new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `The stream broke before it ended: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
        );
      }
      if (first) {
        first = false;
        deadline.firstByte();
      } else {
        deadline.activity();
      }
      if (result.done) parser.end();
      else parser.push(result.value);
      if (queue.length > 0) {
        const values = queue;
        queue = [];
        for (const value of values) {
          // A caller abort or timeout while the consumer held a chunk: nothing more after it.
          if (deadline.error) throw deadline.error;
          yield value;
        }
      }
      if (result.done) {
        completed = true;
        return;
      }
    }
  } finally {
    deadline.dispose();
    if (!completed) reader.cancel().catch(() => undefined);
  }
}
