export { toSamusError } from './cli-error.js';
export { cliHint } from './cli-hints.js';
export { type CliInput, type CliIo, type CliStream } from './cli-io.js';
export { colorsEnabled, createColors, type ColorChoice, type Colors } from './colors.js';
export { COMMAND_SPECS, type CommandSpec, type EnvSpec, type FlagSpec } from './command-spec.js';
export { formatBytes, formatTable } from './format-table.js';
export { main, runCli } from './run-cli.js';
