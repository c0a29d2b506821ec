import type { Colors } from './colors.js';
import type { CliIo } from './cli-io.js';

/** The parsed command line, as every command gets it. */
export interface CommandContext {
  io: CliIo;
  /** Styling for what goes to stdout (decided by stdout's terminal state). */
  colors: Colors;
  /** Styling for what goes to stderr: diagnostics, progress, hints (decided by stderr's terminal state). */
  errColors: Colors;
  json: boolean;
  /** Option values by long name (strings, string lists or `true`). */
  values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  /** Positional arguments after the command name. */
  args: readonly string[];
}

/** Writes one JSON document to stdout as one line (the `--json` contract: NDJSON, one object per line). */
export function writeJson(context: Pick<CommandContext, 'io'>, value: unknown): void {
  context.io.stdout.write(`${JSON.stringify(value)}\n`);
}
