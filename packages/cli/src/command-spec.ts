/** One flag of a command, as parsed and as `samus <command> --help` documents it. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `model`. */
  name: string;
  /** One-letter alias, e.g. `m` for `-m`. */
  short?: string;
  /** Placeholder of the value (`MODEL`, `URL`); absent for a boolean flag. */
  value?: string;
  /** May be given more than once (values collect in a list). */
  multiple?: boolean;
  description: string;
}

/** One environment variable a command reads, for its help. */
export interface EnvSpec {
  name: string;
  description: string;
}

/** A `samus` command: what it parses and how its help reads. */
export interface CommandSpec {
  name: string;
  /** One line for the command list of `samus --help`. */
  summary: string;
  /** The usage line after `samus `. */
  usage: string;
  /** A paragraph or two for `samus help <command>`. */
  description: string;
  flags: readonly FlagSpec[];
  /** Positional arguments: how many are allowed, and their name in messages. */
  positionals: { min: number; max: number; name?: string };
  /** Variables the command reads besides the server ones every command shares. */
  env?: readonly EnvSpec[];
  examples: readonly string[];
}

/** Flags every command takes. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'json', description: 'machine-readable output: NDJSON on stdout (one JSON object per line), errors as one JSON line on stderr' },
  { name: 'no-color', description: 'no colours, even on a terminal (also NO_COLOR=1)' },
  { name: 'help', short: 'h', description: 'help for this command' },
];

const HOST: FlagSpec = { name: 'host', value: 'URL', multiple: true, description: 'also probe this address, e.g. http://192.168.1.20:11434' };
const PORTS: FlagSpec = { name: 'ports', value: 'LIST', description: 'ports probed on 127.0.0.1 and ::1 (default 11434,1234; "none" for none)' };
const TIMEOUT: FlagSpec = { name: 'timeout', value: 'MS', description: 'probe timeout per address in milliseconds (default 500)' };
const DISCOVERY_FLAGS = [HOST, PORTS, TIMEOUT];
const AUTH_ADMIN: FlagSpec = {
  name: 'auth',
  value: 'KIND',
  description: 'talk to one server kind (e.g. ollama, lm-studio) at --base-url or its variable, instead of discovering where the model is',
};
const BASE_URL: FlagSpec = { name: 'base-url', value: 'URL', description: 'the server to use with --auth (default: its plugin variable, e.g. OLLAMA_HOST, LM_STUDIO_BASE_URL, LLAMA_CPP_BASE_URL, OPENAI_BASE_URL, else the default port)' };
const MODEL_ARG = { min: 1, max: 1, name: 'MODEL' } as const;
const CHAT_FLAGS: readonly FlagSpec[] = [
  { name: 'model', short: 'm', value: 'MODEL', description: 'the model (default: SAMUS_MODEL, else the plugin variable with --auth, else a loaded chat model)' },
  { name: 'auth', value: 'KIND', description: 'ollama, lm-studio, llama-cpp, openai (any registered plugin) or auto (default auto: discover and route)' },
  BASE_URL,
  { name: 'system', value: 'TEXT', description: 'system instruction' },
  { name: 'temperature', value: 'T', description: 'sampling temperature, 0 to 2' },
  { name: 'max-tokens', value: 'N', description: 'stop each answer after N tokens' },
  ...DISCOVERY_FLAGS,
];

/** Every command, in the order `samus --help` lists them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: 'discover',
    summary: 'find local LLM servers: kind, version, health, models',
    usage: 'discover [--host URL]... [--ports LIST] [--timeout MS] [--json]',
    description:
      'Probes 127.0.0.1 and ::1 on the default ports (11434 Ollama, 1234 LM Studio), the addresses in OLLAMA_HOST,\nOLLAMA_BASE_URL, LM_STUDIO_BASE_URL, OPENAI_BASE_URL and every --host, and shows each server found with its kind,\nversion, health and models.',
    flags: DISCOVERY_FLAGS,
    positionals: { min: 0, max: 0 },
    examples: ['samus discover', 'samus discover --host http://192.168.1.20:11434 --ports none'],
  },
  {
    name: 'models',
    summary: 'list every model on every server found (alias: ls, list)',
    usage: 'models [--host URL]... [--ports LIST] [--timeout MS] [--json]',
    description:
      'Every model on every server found: kind (chat or embedding), whether it is loaded, the context window a chat\nrequest will run with (and the trained maximum when larger), size, server and capabilities.',
    flags: DISCOVERY_FLAGS,
    positionals: { min: 0, max: 0 },
    env: [{ name: 'OLLAMA_CONTEXT_LENGTH', description: 'context window Ollama models run with (shown in CONTEXT)' }],
    examples: ['samus models', 'samus models --json | jq -r .models[].id'],
  },
  {
    name: 'ps',
    summary: 'list the models loaded in memory now',
    usage: 'ps [--auth KIND [--base-url URL]] [--host URL]... [--ports LIST] [--json]',
    description: 'The models loaded now on every server found (or on the one server of --auth), with their context window and\nwhen they unload.',
    flags: [AUTH_ADMIN, BASE_URL, ...DISCOVERY_FLAGS],
    positionals: { min: 0, max: 0 },
    examples: ['samus ps', 'samus ps --auth lm-studio'],
  },
  {
    name: 'show',
    summary: "one model's details: kind, context, size, family, capabilities",
    usage: 'show [--auth KIND [--base-url URL]] [--json] MODEL',
    description: 'Details of one model, from the server that has it (found by discovery, or the server of --auth).',
    flags: [AUTH_ADMIN, BASE_URL, ...DISCOVERY_FLAGS],
    positionals: MODEL_ARG,
    examples: ['samus show gemma3:270m', 'samus show --auth lm-studio qwen2.5-7b-instruct --json'],
  },
  {
    name: 'chat',
    summary: 'chat with a model: interactive on a terminal, or one answer to a prompt',
    usage: 'chat [-m MODEL] [--auth KIND] [--system TEXT] [--temperature T] [--max-tokens N] [PROMPT...]',
    description:
      'With a prompt, streams one answer to stdout and the time to first token and tokens/s to stderr. Without one,\nreads the prompt from stdin when stdin is not a terminal (echo "hi" | samus chat), and otherwise starts an\ninteractive session with multi-turn history: /bye (or Ctrl-D) ends it, /clear forgets the history, Ctrl-C stops\nthe answer being written and a second Ctrl-C at the prompt exits.\n--auth auto (default) discovers servers and routes to a healthy one that has the model; --auth ollama,\nlm-studio, llama-cpp or openai talks to that one server (--base-url or its variable) and, with no model named, picks one it has.',
    flags: CHAT_FLAGS,
    positionals: { min: 0, max: Number.POSITIVE_INFINITY, name: 'PROMPT' },
    env: [
      { name: 'SAMUS_MODEL', description: 'model to chat with when -m/--model is not given (any --auth)' },
    ],
    examples: ['samus chat', 'samus chat -m gemma3:270m "Why is the sky blue?"', 'echo "Summarise: $(cat notes.txt)" | samus chat --max-tokens 200', 'samus chat --auth lm-studio --json "Say hi"'],
  },
  {
    name: 'run',
    summary: 'chat with MODEL, as `ollama run` does (samus chat -m MODEL)',
    usage: 'run [--auth KIND] [--system TEXT] [--temperature T] [--max-tokens N] MODEL [PROMPT...]',
    description: 'The same as `samus chat -m MODEL [PROMPT...]`: one answer to a prompt, or an interactive session on a terminal.',
    flags: CHAT_FLAGS.filter((flag) => flag.name !== 'model'),
    positionals: { min: 1, max: Number.POSITIVE_INFINITY, name: 'MODEL' },
    examples: ['samus run gemma3:270m', 'samus run gemma3:270m "Why is the sky blue?"'],
  },
  {
    name: 'pull',
    summary: 'download a model into Ollama (default) or LM Studio, with progress',
    usage: 'pull [--auth ollama|lm-studio] [--base-url URL] [--json] MODEL',
    description:
      'Downloads a model, with a progress bar (phase, percent, bytes, speed, ETA) on a terminal, plain lines otherwise,\nNDJSON progress events with --json. --auth ollama (default) pulls e.g. gemma3:270m into the Ollama at\n--base-url / OLLAMA_HOST / OLLAMA_BASE_URL, else localhost:11434; --auth lm-studio (LM Studio 0.4+) takes a\ncatalog id or model page URL. Ctrl-C stops the pull (LM Studio keeps downloading in the app).',
    flags: [{ name: 'auth', value: 'KIND', description: 'ollama (default) or lm-studio' }, BASE_URL],
    positionals: MODEL_ARG,
    examples: ['samus pull gemma3:270m', 'samus pull --auth lm-studio qwen/qwen3-4b'],
  },
  {
    name: 'rm',
    summary: 'remove a downloaded model from its server',
    usage: 'rm [--auth KIND [--base-url URL]] MODEL',
    description: 'Deletes a downloaded model from the server that has it (servers whose API cannot delete, such as LM Studio,\nsay so). A model on several servers needs --auth/--base-url to say which.',
    flags: [AUTH_ADMIN, BASE_URL, ...DISCOVERY_FLAGS],
    positionals: MODEL_ARG,
    examples: ['samus rm gemma3:270m', 'samus rm --auth ollama --base-url http://127.0.0.1:11434 gemma3:270m'],
  },
  {
    name: 'load',
    summary: 'load a model into memory',
    usage: 'load [--context-length N] [--keep-alive DURATION] [--auth KIND [--base-url URL]] MODEL',
    description: 'Loads a model into memory on the server that has it, so that the first answer does not wait for the load.',
    flags: [
      { name: 'context-length', value: 'N', description: 'context window to load with, in tokens' },
      { name: 'keep-alive', value: 'DURATION', description: 'how long the server keeps it loaded (Ollama: e.g. 10m, 1h, -1 for ever)' },
      AUTH_ADMIN,
      BASE_URL,
      ...DISCOVERY_FLAGS,
    ],
    positionals: MODEL_ARG,
    examples: ['samus load gemma3:270m', 'samus load --context-length 8192 qwen2.5-7b-instruct'],
  },
  {
    name: 'unload',
    summary: 'unload a model from memory',
    usage: 'unload [--auth KIND [--base-url URL]] MODEL',
    description: 'Unloads a model from memory on the server that has it (a model that is not loaded is not an error).',
    flags: [AUTH_ADMIN, BASE_URL, ...DISCOVERY_FLAGS],
    positionals: MODEL_ARG,
    examples: ['samus unload gemma3:270m'],
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh, fish)',
    usage: 'completion bash|zsh|fish',
    description: 'Prints a completion script for commands and flags. bash: eval "$(samus completion bash)" in ~/.bashrc;\nzsh: eval "$(samus completion zsh)" in ~/.zshrc; fish: samus completion fish > ~/.config/fish/completions/samus.fish',
    flags: [],
    positionals: { min: 1, max: 1, name: 'SHELL' },
    examples: ['samus completion bash >> ~/.bashrc'],
  },
  {
    name: 'help',
    summary: 'help for a command',
    usage: 'help [COMMAND]',
    description: 'The overview, or the usage, flags, environment variables and examples of one command.',
    flags: [],
    positionals: { min: 0, max: 1, name: 'COMMAND' },
    examples: ['samus help chat'],
  },
];

/** Other names for commands (`ollama list`, `lms ls` habits). */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = { ls: 'models', list: 'models', delete: 'rm' };

/** The spec of `name` (or of the command it is an alias of). */
export function commandSpec(name: string): CommandSpec | undefined {
  const canonical = COMMAND_ALIASES[name] ?? name;
  return COMMAND_SPECS.find((spec) => spec.name === canonical);
}
