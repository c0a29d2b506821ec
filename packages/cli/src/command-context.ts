import { type Colors } from './colors.js';
import { type CliIo } from './cli-io.js';

/** The parsed command line, as every command gets it. */
export interface CommandContext {
  io: CliIo;
  colors: Colors;
  json: boolean;
  /** Option values by long name (strings, string lists or booleans, as `parseArgs` returns them). */
  values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  /** Positional arguments after the command name. */
  args: readonly string[];
}

/** Writes one JSON document to stdout. */
export function writeJson(context: CommandContext, value: unknown): void {
  context.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
