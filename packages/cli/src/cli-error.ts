import { SamusError } from '@samus/kernel';
import type { Colors } from './colors.js';
import type { CliIo } from './cli-io.js';
import { cliHint } from './cli-hints.js';

/** Exit codes of `samus`. */
export const EXIT = { ok: 0, error: 1, usage: 2, aborted: 130 } as const;

/** A mistake on the command line: `SAMUS_ERR_USAGE`, exit code 2. */
export function usageError(message: string, hint = 'Run `samus --help` for the commands and `samus help <command>` for their flags.', details: Record<string, unknown> = {}): SamusError {
  return new SamusError('SAMUS_ERR_USAGE', message, { hint, details: { usage: true, ...details } });
}

/** Any thrown value as a SamusError (unexpected ones keep their message and become `SAMUS_ERR_OPERATION_FAILED`). */
export function toSamusError(error: unknown): SamusError {
  if (SamusError.is(error)) return error;
  return new SamusError('SAMUS_ERR_OPERATION_FAILED', error instanceof Error ? error.message : String(error), {
    hint: 'This looks like a bug in samus: please report it with the command you ran.',
    cause: error,
  });
}

/** The exit code for an error: 2 for usage errors, 130 for an interrupt, 1 for the rest. */
export function exitCodeFor(error: SamusError): number {
  if (error.code === 'SAMUS_ERR_ABORTED') return EXIT.aborted;
  if (error.code === 'SAMUS_ERR_USAGE' || error.details.usage === true) return EXIT.usage;
  return EXIT.error;
}

/**
 * Prints an error on stderr, its hint rewritten for the command line (`samus pull`, `samus load`… instead of the
 * server's own tools or library calls): with `--json` as one line `{"ok":false,"error":{…}}`, else as
 * `error [CODE] message` and `hint: …`.
 */
export function printError(error: SamusError, io: CliIo, colors: Colors, json: boolean): void {
  const hint = cliHint(error);
  if (json) {
    io.stderr.write(`${JSON.stringify({ ok: false, error: { ...error.toJSON(), hint } })}\n`);
    return;
  }
  io.stderr.write(`${colors.red(colors.bold('error'))} ${colors.dim(`[${error.code}]`)} ${error.message}\n  ${colors.yellow('hint:')} ${hint}\n`);
}
