import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { exitCodeFor, printError, toSamusError, usageError } from './cli-error.js';
import { type CliIo } from './cli-io.js';
import { colorsEnabled, createColors } from './colors.js';
import { type CommandContext } from './command-context.js';
import { chatCommand } from './commands/chat-command.js';
import { discoverCommand } from './commands/discover-command.js';
import { modelsCommand } from './commands/models-command.js';
import { pullCommand } from './commands/pull-command.js';

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  host: { type: 'string', multiple: true },
  ports: { type: 'string' },
  timeout: { type: 'string' },
  auth: { type: 'string' },
  model: { type: 'string', short: 'm' },
  'base-url': { type: 'string' },
  system: { type: 'string' },
  temperature: { type: 'string' },
  'max-tokens': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  discover: ['host', 'ports', 'timeout'],
  models: ['host', 'ports', 'timeout'],
  chat: ['host', 'ports', 'timeout', 'auth', 'model', 'base-url', 'system', 'temperature', 'max-tokens'],
  pull: ['auth', 'base-url'],
};

const COMMANDS: Record<string, (context: CommandContext) => Promise<number>> = {
  discover: discoverCommand,
  models: modelsCommand,
  chat: chatCommand,
  pull: pullCommand,
};

/** The `samus --help` text. */
export const HELP = `samus — local LLM servers (Ollama, LM Studio, OpenAI-compatible) from the command line

Usage:
  samus discover [--host URL]... [--ports LIST] [--timeout MS] [--json]
      Find servers on 127.0.0.1 / ::1 (--ports, default 11434,1234; "none" for none), in OLLAMA_HOST,
      OLLAMA_BASE_URL, LM_STUDIO_BASE_URL, OPENAI_BASE_URL and --host; show kind, version, health, models.
  samus models [--host URL]... [--ports LIST] [--timeout MS] [--json]
      Every model on every server found: kind, loaded, context length, size, capabilities.
  samus chat [--auth ollama|lm-studio|openai|auto] [--model M] [--base-url URL]
             [--system TEXT] [--temperature T] [--max-tokens N] [--json] "prompt"
      Stream one answer; prints time to first token and tokens/s at the end (on stderr).
      --auth auto (default) discovers servers and routes to a healthy one that has the model.
  samus pull [--auth ollama|lm-studio] [--base-url URL] [--json] MODEL
      Download a model, with a progress bar (phase, percent, bytes, speed, ETA) on a terminal, plain lines
      otherwise, NDJSON progress events with --json. --auth ollama (default; OLLAMA_HOST / OLLAMA_BASE_URL,
      else localhost:11434) pulls e.g. gemma3:270m; --auth lm-studio (LM_STUDIO_BASE_URL, LM Studio 0.4+) takes
      a catalog id or model page URL. Ctrl-C stops the pull (LM Studio keeps downloading in the app).

Options:
  --json         machine-readable output on stdout (errors too: {"ok":false,"error":{...}})
  -h, --help     this help        -v, --version  the version

Colours only on a terminal; NO_COLOR turns them off. Exit codes: 0 ok, 1 error, 2 usage, 130 interrupted.
`;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs `samus` with `argv` (the arguments after the program name) against `io`; resolves to the exit code.
 * Never throws: every failure is printed as a coded error (message + hint).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const colors = createColors(colorsEnabled(json ? io.stdout : io.stderr, io.env) && !json);
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw usageError(error instanceof Error ? error.message : String(error));
    }
    const { values, positionals } = parsed;
    if (values.version) {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    const [command, ...args] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout.write(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    const run = COMMANDS[command];
    if (!run) throw usageError(`Unknown command "${command}"`, `Use one of: ${Object.keys(COMMANDS).join(', ')} (see \`samus --help\`).`);
    const allowed = new Set(['json', 'help', 'version', ...COMMAND_OPTIONS[command]!]);
    const stray = Object.keys(values).filter((name) => !allowed.has(name));
    if (stray.length > 0) throw usageError(`samus ${command} does not take ${stray.map((s) => `--${s}`).join(', ')}`);
    if (command !== 'chat' && command !== 'pull' && args.length > 0) throw usageError(`samus ${command} takes no arguments, got "${args.join(' ')}"`);
    return await run({ io, colors, json, values, args });
  } catch (error) {
    const samusError = toSamusError(error);
    printError(samusError, io, colors, json);
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
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
}
