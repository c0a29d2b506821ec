import { SamusError } from '@samus/kernel';
import { LineSplitter } from './line-splitter.js';

/**
 * Newline-delimited JSON (Ollama's native streams) on the same linear byte-level {@link LineSplitter}: every
 * non-blank line is parsed with `JSON.parse` and handed to `onValue`. A line that is not JSON throws
 * `SAMUS_ERR_INVALID_RESPONSE` with the start of the line in `details.line`.
 */
export class NdjsonParser<T = unknown> {
  readonly #lines = new LineSplitter();
  readonly #onLine: (line: string) => void;

  constructor(onValue: (value: T) => void) {
    this.#onLine = (line) => {
      if (line.length === 0 || (line.length < 4 && line.trim() === '')) return;
      let value: T;
      try {
        value = JSON.parse(line) as T;
      } catch (error) {
        throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `The server sent a line that is not JSON: ${JSON.stringify(line.slice(0, 120))}`, {
          cause: error,
          details: { line: line.slice(0, 200) },
        });
      }
      onValue(value);
    };
  }

  /** Feeds one chunk of the body. */
  push(chunk: Uint8Array): void {
    this.#lines.push(chunk, this.#onLine);
  }

  /**
   * Ends the stream: parses an unterminated last line, and drops it when it is not JSON (the connection closed in the
   * middle of a line: a truncated stream, which the decoder reports as such, not as invalid data).
   */
  end(): void {
    this.#lines.end((line) => {
      if (isJson(line)) this.#onLine(line);
    });
  }
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
