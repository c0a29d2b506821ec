import type { Kernel } from '@samus/kernel';
import { COMMAND_SPECS, GLOBAL_FLAGS, type CommandSpec, type EnvSpec, type FlagSpec } from './command-spec.js';
import type { Colors } from './colors.js';

function column(rows: readonly (readonly [string, string])[]): string {
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`)).join('\n');
}

function flagRow(flag: FlagSpec): [string, string] {
  const names = `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
  return [names, `${flag.description}${flag.multiple ? ' (repeatable)' : ''}`];
}

/** The variables of the registered plugins (base URL, model, key), read from their config specs. */
export function serverEnvironment(kernel: Kernel): EnvSpec[] {
  const rows: EnvSpec[] = [];
  for (const plugin of kernel.plugins()) {
    const authType = plugin.authTypes[0]!;
    const spec = plugin.configSpecs?.[authType];
    if (!spec) continue;
    const name = plugin.displayName ?? plugin.id;
    const server = /server$/i.test(name) ? `the ${name}` : name;
    if (spec.baseUrlEnv?.length) rows.push({ name: spec.baseUrlEnv.join(', '), description: `where ${server} listens${spec.defaultBaseUrl ? ` (default ${spec.defaultBaseUrl})` : ''}` });
    if (spec.modelEnv?.length) rows.push({ name: spec.modelEnv.join(', '), description: `model for --auth ${authType}${spec.defaultModel ? ` (default ${spec.defaultModel})` : ''}` });
    if (spec.apiKeyEnv?.length) rows.push({ name: spec.apiKeyEnv.join(', '), description: `key sent to configured ${name} addresses (never to scanned ports)` });
  }
  return rows;
}

const COLOR_ENV: EnvSpec[] = [
  { name: 'NO_COLOR', description: 'non-empty: no colours' },
  { name: 'FORCE_COLOR', description: 'non-empty: colours even when not a terminal (0 or false: never)' },
];

const EXIT_CODES = 'Exit codes: 0 ok, 1 error, 2 usage error (SAMUS_ERR_USAGE), 130 interrupted (Ctrl-C).';

/** `samus --help`: the commands, the global flags, the environment. */
export function globalHelp(kernel: Kernel, colors: Colors): string {
  const commands = COMMAND_SPECS.map((spec): [string, string] => [spec.name, spec.summary]);
  const flags = [...GLOBAL_FLAGS.map(flagRow), ['-v, --version', 'print the version'] as [string, string]];
  const env = [{ name: 'SAMUS_MODEL', description: 'model for samus chat when -m is not given' }, ...serverEnvironment(kernel), ...COLOR_ENV];
  return [
    `${colors.bold('samus')} — local LLM servers (Ollama, LM Studio, OpenAI-compatible) from the command line`,
    '',
    `${colors.bold('Usage:')} samus <command> [flags]`,
    '',
    colors.bold('Commands:'),
    column(commands),
    '',
    colors.bold('Flags (every command):'),
    column(flags),
    '',
    colors.bold('Environment:'),
    column(env.map((row) => [row.name, row.description])),
    '',
    EXIT_CODES,
    'Run `samus help <command>` (or `samus <command> --help`) for its flags and examples.',
    '',
  ].join('\n');
}

/** `samus help <command>`: usage, description, every flag, the variables it reads and examples. */
export function commandHelp(spec: CommandSpec, kernel: Kernel, colors: Colors): string {
  const flags = [...spec.flags, ...(spec.name === 'help' || spec.name === 'completion' ? GLOBAL_FLAGS.filter((flag) => flag.name !== 'json') : GLOBAL_FLAGS)];
  const reads = spec.name === 'help' || spec.name === 'completion' ? COLOR_ENV : [...(spec.env ?? []), ...serverEnvironment(kernel), ...COLOR_ENV];
  return [
    `${colors.bold(`samus ${spec.name}`)} — ${spec.summary}`,
    '',
    colors.bold('Usage:'),
    `  samus ${spec.usage}`,
    '',
    spec.description,
    '',
    colors.bold('Flags:'),
    column(flags.map(flagRow)),
    '',
    colors.bold('Environment:'),
    column(reads.map((row) => [row.name, row.description])),
    '',
    colors.bold('Examples:'),
    ...spec.examples.map((example) => `  ${example}`),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}
