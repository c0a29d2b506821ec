import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real `samus` executable of this package. */
export const SAMUS_BIN = fileURLToPath(new URL('../../bin/samus.mjs', import.meta.url));

/**
 * Node arguments that run `bin/samus.mjs` on the TypeScript sources (no build needed): the `@samus/source` export
 * condition, type stripping with enum support, and the `.js` → `.ts` resolve hook.
 */
export const SOURCE_NODE_ARGS: readonly string[] = [
  '--no-warnings',
  '--experimental-transform-types',
  '--conditions=@samus/source',
  '--import',
  fileURLToPath(new URL('./register-source-hooks.mjs', import.meta.url)),
];

/** The command line that runs the real `samus` with `args` (Node, its flags, the bin). */
export function samusCommand(args: readonly string[]): string[] {
  return [process.execPath, ...SOURCE_NODE_ARGS, SAMUS_BIN, ...args];
}

/** What a finished `samus` process printed. */
export interface SamusResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `samus` as a child process with a clean environment (PATH plus `env`), `input` on its stdin. */
export function runSamus(args: readonly string[], options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<SamusResult> {
  const [command, ...rest] = samusCommand(args);
  const child = spawn(command!, rest, { env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  if (options.input === undefined) child.stdin.end();
  else child.stdin.end(options.input);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
