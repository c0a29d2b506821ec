import { defaultMockModels } from './default-mock-models';
import type { MockLMStudioOptions } from './mock-lmstudio';
import { resolveVersion } from './lmstudio-version';
import { DEFAULT_MOCK_LMSTUDIO_VERSION, startMockLMStudio } from './start-mock-lmstudio';

/** Usage text of the `mock-lmstudio` command. */
export const CLI_USAGE = `Usage: mock-lmstudio [options]

Starts a mock LM Studio server (OpenAI-compatible /v1, native /api/v0 and /api/v1, /lmstudio-greeting).

Options:
  --port N             port to listen on (default 1234; 0 = any free port)
  --host H             interface to bind (default 127.0.0.1)
  --jit on|off         just-in-time model loading (default on)
  --token T            require "Authorization: Bearer T" (API-token mode)
  --load-delay-ms N    how long a model load takes (default 1500)
  --token-delay-ms N   delay between streamed tokens (default 25)
  --ttl-sec N          idle TTL of JIT-loaded models in seconds (default 3600)
  --version V          emulated LM Studio version: 0.3.x, 0.4.x or e.g. 0.4.1 (default 0.4.21 = 0.4.x)
  --context-overflow M how an over-long prompt is answered: auto, legacy, n_keep, cannot-truncate, empty-deltas
  --answer-with-loaded-model  answer requests for another model with the loaded one (real-server quirk)
  --error-shape S      force error bodies to "string" or "object"
  --cors               answer as with "Enable CORS" on
  --seed N             seed for generated text (default 0)
  -h, --help           show this help`;

function numberArg(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`${name} needs a non-negative number, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return parsed;
}

/** Parses `mock-lmstudio` arguments into server options; `undefined` means "print help". Throws on bad input. */
export function parseCliArgs(argv: readonly string[]): MockLMStudioOptions | undefined {
  const options: MockLMStudioOptions = { port: 1234, loadDelayMs: 1500, tokenDelayMs: 25, models: defaultMockModels, recordRequests: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return undefined;
      case '--port':
        options.port = numberArg('--port', value());
        break;
      case '--host':
        options.host = value() ?? '127.0.0.1';
        break;
      case '--jit': {
        const v = value();
        if (v !== 'on' && v !== 'off') throw new Error(`--jit takes "on" or "off", got "${v ?? ''}"`);
        options.jit = v === 'on';
        break;
      }
      case '--token': {
        const v = value();
        if (!v) throw new Error('--token needs a value');
        options.apiToken = v;
        break;
      }
      case '--load-delay-ms':
        options.loadDelayMs = numberArg('--load-delay-ms', value());
        break;
      case '--token-delay-ms':
        options.tokenDelayMs = numberArg('--token-delay-ms', value());
        break;
      case '--ttl-sec':
        options.ttlDefaultSec = numberArg('--ttl-sec', value());
        break;
      case '--version': {
        const v = value();
        if (!v || !/^\d+\.\d+(\.(\d+|x))?$/.test(v)) throw new Error(`--version takes 0.3.x, 0.4.x or a version like 0.4.1, got "${v ?? ''}"`);
        options.version = v;
        break;
      }
      case '--error-shape': {
        const v = value();
        if (v !== 'string' && v !== 'object') throw new Error(`--error-shape takes "string" or "object", got "${v ?? ''}"`);
        options.errorShape = v;
        break;
      }
      case '--cors':
        options.cors = true;
        break;
      case '--context-overflow': {
        const v = value();
        const modes = ['auto', 'legacy', 'n_keep', 'cannot-truncate', 'empty-deltas'] as const;
        if (!modes.includes(v as (typeof modes)[number])) throw new Error(`--context-overflow takes one of ${modes.join(', ')}, got "${v ?? ''}"`);
        options.contextOverflow = v as (typeof modes)[number];
        break;
      }
      case '--answer-with-loaded-model':
        options.answerWithLoadedModel = true;
        break;
      case '--seed':
        options.seed = numberArg('--seed', value());
        break;
      default:
        throw new Error(`unknown option "${arg}"`);
    }
  }
  return options;
}

/** Output sinks of {@link runCli} (injectable for tests). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs the CLI: starts the server and resolves with a `stop()` once listening; `undefined` when it only printed
 * help or an error (exit code in `process.exitCode` is left to the caller via the returned status).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<{ status: number; stop?: () => Promise<void> }> {
  let options: MockLMStudioOptions | undefined;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.err(`mock-lmstudio: ${error instanceof Error ? error.message : String(error)}`);
    io.err('Run "mock-lmstudio --help" for the options.');
    return { status: 2 };
  }
  if (!options) {
    io.out(CLI_USAGE);
    return { status: 0 };
  }
  try {
    const server = await startMockLMStudio(options);
    io.out(`mock LM Studio listening on ${server.url} (OpenAI base URL ${server.url}/v1)`);
    io.out(`LM Studio ${resolveVersion(options.version ?? DEFAULT_MOCK_LMSTUDIO_VERSION)}, JIT ${options.jit === false ? 'off' : 'on'}, auth ${options.apiToken ? 'on (token required)' : 'off'}, load delay ${options.loadDelayMs ?? 0} ms`);
    io.out(`models: ${server.models().map((m) => `${m.id} (${m.type}, ${m.state})`).join(', ')}`);
    return { status: 0, stop: () => server.close() };
  } catch (error) {
    const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    const hint = code === 'EADDRINUSE' ? ` Port ${options.port} is taken (is LM Studio running?); try --port 0 or another port.` : '';
    io.err(`mock-lmstudio: could not start: ${error instanceof Error ? error.message : String(error)}.${hint}`);
    return { status: 1 };
  }
}
