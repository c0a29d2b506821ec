import { SamusError } from '@samus/kernel';
import { cliHint } from './cli-hints.js';
import type { CommandContext } from './command-context.js';

/** A problem that does not fail the command (a server whose models could not be listed): a warning on stderr. */
export function printWarning(context: Pick<CommandContext, 'io' | 'errColors' | 'json'>, url: string, problem: { code: string; message: string; hint: string; details?: Readonly<Record<string, unknown>> }): void {
  if (context.json) return;
  const { errColors: colors } = context;
  const hint = cliHint(new SamusError(problem.code as SamusError['code'], problem.message, { hint: problem.hint, details: problem.details ?? {} }));
  context.io.stderr.write(`${colors.yellow('warning')} ${url}: ${problem.message}\n  ${colors.yellow('hint:')} ${hint}\n`);
}
