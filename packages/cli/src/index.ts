export { EXIT, exitCodeFor, printError, toSamusError, usageError } from './cli-error.js';
export { type CliIo, type CliStream } from './cli-io.js';
export { colorsEnabled, createColors, type Colors } from './colors.js';
export { pickChatModel as pickModel } from '@samus/discovery';
export { formatBytes, formatTable } from './format-table.js';
export { HELP, main, runCli } from './run-cli.js';
