import { readFileSync } from 'node:fs';
import { exitCodeFor, printError, toSamusError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { createCliKernel } from './cli-kernel.js';
import { colorsEnabled, createColors } from './colors.js';
import type { CommandContext } from './command-context.js';
import { chatCommand } from './commands/chat-command.js';
import { completionCommand } from './commands/completion-command.js';
import { discoverCommand } from './commands/discover-command.js';
import { loadCommand, psCommand, rmCommand, showCommand, unloadCommand } from './commands/model-admin-commands.js';
import { modelsCommand } from './commands/models-command.js';
import { pullCommand } from './commands/pull-command.js';
import { commandHelp, globalHelp } from './help-text.js';
import { parseCommandLine } from './parse-command-line.js';

const COMMANDS: Record<string, (context: CommandContext) => Promise<number>> = {
  discover: discoverCommand,
  models: modelsCommand,
  ps: psCommand,
  show: showCommand,
  chat: chatCommand,
  // `samus run MODEL [PROMPT…]`, as `ollama run`: `samus chat -m MODEL [PROMPT…]`.
  run: (context) => chatCommand({ ...context, values: { ...context.values, model: context.args[0] }, args: context.args.slice(1) }),
  pull: pullCommand,
  rm: rmCommand,
  load: loadCommand,
  unload: unloadCommand,
  completion: completionCommand,
};

/** The version of @samus/cli. */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs `samus` with `argv` (the arguments after the program name) against `io`; resolves to the exit code.
 * Never throws: every failure is printed as a coded error (message + hint) on stderr — one JSON line with `--json`.
 * Bare `samus` prints the help on stdout and exits 0, as `ollama` does (asking for help is not an error).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const noColor = argv.includes('--no-color');
  const colors = createColors(!json && colorsEnabled(io.stdout, io.env, { noColor }));
  const errColors = createColors(!json && colorsEnabled(io.stderr, io.env, { noColor }));
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'version') {
      io.stdout.write(json ? `${JSON.stringify({ ok: true, version: cliVersion() })}\n` : `samus ${cliVersion()}\n`);
      return 0;
    }
    if (parsed.kind === 'help') {
      const kernel = createCliKernel(io);
      io.stdout.write(parsed.command ? commandHelp(parsed.command, kernel, colors) : globalHelp(kernel, colors));
      return 0;
    }
    const run = COMMANDS[parsed.command.name]!;
    return await run({ io, colors, errColors, json, values: parsed.values, args: parsed.args });
  } catch (error) {
    const samusError = toSamusError(error);
    printError(samusError, io, errColors, json);
    return exitCodeFor(samusError);
  }
}

/** The `samus` program: process arguments, stdio, `process.env` (read only), Ctrl-C aborts the command. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    controller.abort();
  });
  // A closed pipe (`samus models | head -1`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: controller.signal });
}
