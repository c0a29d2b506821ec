import { type CliIo } from './cli-io.js';

/** An in-memory {@link CliIo} for tests: collects stdout and stderr. */
export function memoryIo(env: Record<string, string> = {}, tty = false): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: tty },
    stderr: { write: (text: string) => (err += text), isTTY: tty },
    env,
    out: () => out,
    err: () => err,
  };
}
