import type { EnvSource, SamusPlugin } from '@samus/kernel';

/** A stream the CLI writes to. */
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width in characters, when the stream is a terminal (as `process.stderr.columns`). */
  columns?: number;
}

/** The stream the CLI reads prompts from (`process.stdin`, or a `PassThrough` in tests). */
export type CliInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Everything the CLI touches outside itself, so that it runs the same in-process (tests) and as `samus`. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /**
   * Where `samus chat` reads from: with no prompt argument, a terminal starts an interactive session and anything
   * else is read to its end as the prompt (`echo hi | samus chat`). Absent: no input (a prompt argument is needed).
   */
  stdin?: CliInput;
  /** Environment to read (never written). */
  env: EnvSource;
  /** Aborts the running command (Ctrl-C). */
  signal?: AbortSignal;
  /** Provider plugins to register next to the shipped ones (an embedding program's own servers, tests). */
  plugins?: readonly SamusPlugin[];
}
