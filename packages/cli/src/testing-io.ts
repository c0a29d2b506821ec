import { PassThrough } from 'node:stream';
import type { CliInput, CliIo } from './cli-io.js';

/** Options of {@link memoryIo}. */
export interface MemoryIoOptions {
  /** stdout is a terminal (default: as `tty`). */
  stdoutTty?: boolean;
  /** stderr is a terminal (default: as `tty`). */
  stderrTty?: boolean;
  /** Text on stdin (a pipe), or `'tty'` for a terminal stdin to type into with `type()`. */
  stdin?: string | 'tty';
}

/** An in-memory {@link CliIo} for tests: collects stdout and stderr; `type()` writes to a terminal stdin. */
export function memoryIo(
  env: Record<string, string> = {},
  tty = false,
  options: MemoryIoOptions = {},
): CliIo & { out: () => string; err: () => string; type: (text: string) => void } {
  let out = '';
  let err = '';
  let stdin: (PassThrough & { isTTY?: boolean }) | undefined;
  if (options.stdin !== undefined) {
    stdin = new PassThrough();
    if (options.stdin === 'tty') stdin.isTTY = true;
    else stdin.end(options.stdin);
  }
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.stdoutTty ?? tty },
    stderr: { write: (text: string) => (err += text), isTTY: options.stderrTty ?? tty },
    ...(stdin ? { stdin: stdin as CliInput } : {}),
    env,
    out: () => out,
    err: () => err,
    type: (text: string) => {
      if (!stdin) throw new Error('memoryIo: no stdin');
      stdin.write(text);
    },
  };
}
