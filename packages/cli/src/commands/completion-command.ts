import { usageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { COMMAND_ALIASES, COMMAND_SPECS, GLOBAL_FLAGS, type FlagSpec } from '../command-spec.js';

const flagsOf = (flags: readonly FlagSpec[]): string[] => [...flags, ...GLOBAL_FLAGS].flatMap((flag) => [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])]);
const commandNames = (): string[] => [...COMMAND_SPECS.map((spec) => spec.name), ...Object.keys(COMMAND_ALIASES)];

function bash(): string {
  const cases = COMMAND_SPECS.map((spec) => `    ${spec.name}${Object.entries(COMMAND_ALIASES).filter(([, to]) => to === spec.name).map(([alias]) => `|${alias}`).join('')}) flags="${flagsOf(spec.flags).join(' ')}" ;;`).join('\n');
  return `# samus completion for bash: eval "$(samus completion bash)"
_samus() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" command="\${COMP_WORDS[1]}" flags=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commandNames().join(' ')} --help --version" -- "$cur"))
    return
  fi
  case "$command" in
${cases}
  esac
  case "$command" in
    help) COMPREPLY=($(compgen -W "${COMMAND_SPECS.map((spec) => spec.name).join(' ')}" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
  esac
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -o default -F _samus samus
`;
}

function zsh(): string {
  const cases = COMMAND_SPECS.map((spec) => `    ${[spec.name, ...Object.entries(COMMAND_ALIASES).filter(([, to]) => to === spec.name).map(([alias]) => alias)].join('|')}) flags=(${flagsOf(spec.flags).join(' ')}) ;;`).join('\n');
  return `#compdef samus
# samus completion for zsh: eval "$(samus completion zsh)"
_samus() {
  local -a commands flags
  commands=(${COMMAND_SPECS.map((spec) => `'${spec.name}:${spec.summary.replace(/'/g, '')}'`).join(' ')})
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "\${words[2]}" in
${cases}
  esac
  case "\${words[2]}" in
    help) _describe 'command' commands; return ;;
    completion) compadd bash zsh fish; return ;;
  esac
  compadd -- $flags
}
if (( $+functions[compdef] )); then compdef _samus samus; else autoload -Uz compinit && compinit && compdef _samus samus; fi
`;
}

function fish(): string {
  const lines = ['# samus completion for fish: samus completion fish > ~/.config/fish/completions/samus.fish', 'complete -c samus -f'];
  for (const spec of COMMAND_SPECS) lines.push(`complete -c samus -n __fish_use_subcommand -a ${spec.name} -d '${spec.summary.replace(/'/g, '')}'`);
  for (const spec of COMMAND_SPECS) {
    const names = [spec.name, ...Object.entries(COMMAND_ALIASES).filter(([, to]) => to === spec.name).map(([alias]) => alias)].join(' ');
    for (const flag of [...spec.flags, ...GLOBAL_FLAGS]) {
      lines.push(`complete -c samus -n '__fish_seen_subcommand_from ${names}' -l ${flag.name}${flag.short ? ` -s ${flag.short}` : ''}${flag.value ? ' -r' : ''} -d '${flag.description.replace(/'/g, '')}'`);
    }
  }
  lines.push(`complete -c samus -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'`);
  lines.push(`complete -c samus -n '__fish_seen_subcommand_from help' -a '${COMMAND_SPECS.map((spec) => spec.name).join(' ')}'`);
  return `${lines.join('\n')}\n`;
}

/** `samus completion bash|zsh|fish`: a completion script for the commands and flags, from the same spec as the help. */
export function completionCommand(context: CommandContext): Promise<number> {
  const shell = context.args[0]!;
  const scripts: Record<string, () => string> = { bash, zsh, fish };
  const script = scripts[shell];
  if (!script) throw usageError(`samus completion knows bash, zsh and fish, got "${shell}"`, 'Run `samus completion bash` (or zsh, fish).');
  context.io.stdout.write(script());
  return Promise.resolve(0);
}
