import type { CliStream } from './cli-io.js';
import type { EnvSource } from '@samus/kernel';

/** ANSI styling that turns into plain text when colours are off. */
export interface Colors {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** Options of {@link colorsEnabled}. */
export interface ColorChoice {
  /** `--no-color` was given. */
  noColor?: boolean;
}

function forced(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

/**
 * Whether to colour what goes to `stream` (decided per stream: tables on stdout by stdout, diagnostics on stderr by
 * stderr). In order: `--no-color` → off; `FORCE_COLOR` non-empty → on (`0`/`false` → off); `NO_COLOR` non-empty →
 * off (an empty `NO_COLOR=` counts as unset, as no-color.org says); `TERM=dumb` → off; else on exactly when the
 * stream is a terminal.
 */
export function colorsEnabled(stream: CliStream, env: EnvSource, choice: ColorChoice = {}): boolean {
  if (choice.noColor === true) return false;
  const force = forced(env.FORCE_COLOR);
  if (force !== undefined) return force;
  if ((env.NO_COLOR ?? '') !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function createColors(enabled: boolean): Colors {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}
