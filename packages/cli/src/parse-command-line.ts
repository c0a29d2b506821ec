import { usageError } from './cli-error.js';
import { COMMAND_ALIASES, COMMAND_SPECS, commandSpec, GLOBAL_FLAGS, type CommandSpec, type FlagSpec } from './command-spec.js';
import { didYouMean } from './did-you-mean.js';

/** Flag values by long name: a string, a list (repeatable flags) or `true`. */
export type FlagValues = Record<string, string | string[] | true | undefined>;

/** A parsed command line. */
export type ParsedCommandLine =
  | { kind: 'version'; values: FlagValues }
  | { kind: 'help'; command?: CommandSpec; values: FlagValues }
  | { kind: 'command'; command: CommandSpec; values: FlagValues; args: string[] };

function flagName(flag: FlagSpec): string {
  return `--${flag.name}`;
}

function unknownFlag(token: string, command: CommandSpec | undefined, flags: readonly FlagSpec[]): never {
  const where = command ? `samus ${command.name}` : 'samus';
  const bare = token.replace(/^-+/, '').split('=')[0]!;
  const elsewhere = command ? COMMAND_SPECS.filter((spec) => spec.flags.some((flag) => flag.name === bare)).map((spec) => spec.name) : [];
  if (elsewhere.length > 0) {
    throw usageError(`${where} does not take --${bare} (a flag of ${elsewhere.map((name) => `samus ${name}`).join(', ')})`, `Run \`samus help ${command!.name}\` for the flags it takes.`, { flag: bare });
  }
  const names = flags.flatMap((flag) => [flagName(flag), ...(flag.short ? [`-${flag.short}`] : [])]);
  const near = didYouMean(token.split('=')[0]!, names.filter((name) => name.startsWith('--') === token.startsWith('--')));
  throw usageError(
    `Unknown flag ${token.split('=')[0]} for ${where}${near ? ` — did you mean ${near}?` : ''}`,
    `Run \`${command ? `samus help ${command.name}` : 'samus --help'}\` for the flags it takes.`,
    { flag: bare, ...(near ? { suggestion: near } : {}) },
  );
}

/**
 * Parses `samus` arguments: the command (or an alias, or `help COMMAND`), then its flags and positionals in any
 * order (`--name value`, `--name=value`, `-m value`, `--` ends the flags). Every mistake is a `SAMUS_ERR_USAGE` error
 * that says what was wrong and suggests the nearest command or flag.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const values: FlagValues = {};
  const positionals: string[] = [];
  let command: CommandSpec | undefined;
  let version = false;
  let flagsEnded = false;
  const known = (): readonly FlagSpec[] => [...GLOBAL_FLAGS, ...(command?.flags ?? [])];
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]!;
    if (flagsEnded || token === '-' || !token.startsWith('-')) {
      if (command === undefined) {
        command = commandSpec(token);
        if (!command) {
          const names = [...COMMAND_SPECS.map((spec) => spec.name), ...Object.keys(COMMAND_ALIASES)];
          const near = didYouMean(token, names);
          throw usageError(
            `Unknown command "${token}"${near ? ` — did you mean "samus ${COMMAND_ALIASES[near] ?? near}"?` : ''}`,
            `The commands are ${COMMAND_SPECS.map((spec) => spec.name).join(', ')}; see \`samus --help\`.`,
            { command: token, ...(near ? { suggestion: COMMAND_ALIASES[near] ?? near } : {}) },
          );
        }
      } else positionals.push(token);
      continue;
    }
    if (token === '--') {
      flagsEnded = true;
      continue;
    }
    if (command === undefined && (token === '--version' || token === '-v')) {
      version = true;
      continue;
    }
    const long = token.startsWith('--');
    // `--name`, `--name=value`; `-m`, `-mvalue`.
    const equals = token.indexOf('=');
    const rawName = long ? token.slice(2, equals < 0 ? undefined : equals) : token.slice(1, 2);
    const inline = long ? (equals < 0 ? undefined : token.slice(equals + 1)) : token.length > 2 ? token.slice(2) : undefined;
    const flag = known().find((candidate) => (long ? candidate.name === rawName : candidate.short === rawName));
    if (!flag) unknownFlag(token, command, known());
    const shown = long ? `--${flag.name}` : `-${flag.short}`;
    if (flag.value === undefined) {
      if (inline !== undefined) throw usageError(`${shown} takes no value, got "${shown}=${inline}"`, `Write just ${shown}.`, { flag: flag.name });
      values[flag.name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[index + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
        throw usageError(`${shown} needs a value (${flag.value})`, `Write ${shown} ${flag.value}; \`samus help${command ? ` ${command.name}` : ''}\` lists the flags.`, { flag: flag.name });
      }
      value = next;
      index += 1;
    }
    if (flag.multiple) values[flag.name] = [...((values[flag.name] as string[] | undefined) ?? []), value];
    else if (values[flag.name] !== undefined) throw usageError(`${shown} was given twice`, `Give ${shown} once.`, { flag: flag.name });
    else values[flag.name] = value;
  }
  if (version) return { kind: 'version', values };
  if (command === undefined) return { kind: 'help', values };
  if (command.name === 'help') {
    if (positionals.length > 1) throw usageError(`samus help takes one command name, got ${positionals.length}`, 'Run `samus help COMMAND`, e.g. `samus help chat`.');
    if (positionals.length === 0) return { kind: 'help', values };
    const target = commandSpec(positionals[0]!);
    if (!target) {
      const near = didYouMean(positionals[0]!, COMMAND_SPECS.map((spec) => spec.name));
      throw usageError(`No command "${positionals[0]}"${near ? ` — did you mean "${near}"?` : ''}`, 'See `samus --help` for the commands.', { command: positionals[0] });
    }
    return { kind: 'help', command: target, values };
  }
  if (values.help === true) return { kind: 'help', command, values };
  const { min, max, name } = command.positionals;
  if (positionals.length < min) {
    const what = name === 'MODEL' ? 'a model name' : name === 'SHELL' ? 'a shell (bash, zsh or fish)' : (name ?? 'an argument');
    throw usageError(`samus ${command.name} needs ${what}, e.g. ${command.examples[0]}`, `Usage: samus ${command.usage}`);
  }
  if (positionals.length > max) {
    throw usageError(
      max === 0 ? `samus ${command.name} takes no arguments, got "${positionals.join(' ')}"` : `samus ${command.name} takes ${max === 1 ? `one ${name ?? 'argument'}` : `${max} arguments`}, got ${positionals.length}: ${positionals.join(' ')}`,
      `Usage: samus ${command.usage}`,
    );
  }
  return { kind: 'command', command, values, args: positionals };
}
