import { SamusError } from '@samus/kernel';
import { type Colors } from './colors.js';
import { type CliIo } from './cli-io.js';

/** Exit codes of `samus`. */
export const EXIT = { ok: 0, error: 1, usage: 2, aborted: 130 } as const;

/** A mistake on the command line: `SAMUS_ERR_INVALID_CONFIG`, exit code 2. */
export function usageError(message: string, hint = 'Run `samus --help` for the commands and options.'): SamusError {
  return new SamusError('SAMUS_ERR_INVALID_CONFIG', message, { hint, details: { usage: true } });
}

/** Any thrown value as a SamusError (unexpected ones keep their message and become `SAMUS_ERR_OPERATION_FAILED`). */
export function toSamusError(error: unknown): SamusError {
  if (SamusError.is(error)) return error;
  return new SamusError('SAMUS_ERR_OPERATION_FAILED', error instanceof Error ? error.message : String(error), {
    hint: 'This looks like a bug in samus: please report it with the command you ran.',
    cause: error,
  });
}

/** The exit code for an error. */
export function exitCodeFor(error: SamusError): number {
  if (error.code === 'SAMUS_ERR_ABORTED') return EXIT.aborted;
  if (error.details.usage === true) return EXIT.usage;
  return EXIT.error;
}

/** Prints an error: `{"ok":false,"error":{…}}` on stdout with `--json`, else message and hint on stderr. */
export function printError(error: SamusError, io: CliIo, colors: Colors, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() })}\n`);
    return;
  }
  io.stderr.write(`${colors.red(colors.bold('error'))} ${colors.dim(`[${error.code}]`)} ${error.message}\n  ${colors.yellow('hint:')} ${error.hint}\n`);
}
