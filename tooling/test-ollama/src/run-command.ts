import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** Hard bound: the command is terminated (SIGTERM, then SIGKILL) after this many ms. */
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Every output line is appended here as it arrives. */
  logFile?: string;
  /** Called with each output line (stdout and stderr) as it arrives. */
  onLine?: (line: string) => void;
  /** Written to stdin, which is then closed. */
  input?: string;
}

/** Outcome of {@link runCommand}. */
export interface CommandResult {
  /** Exit code; -1 when the command could not start, was killed or timed out. */
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the command could not be started (e.g. not installed). */
  spawnError: Error | undefined;
  /** Last lines of stdout+stderr interleaved. */
  tail: string;
}

const MAX_CAPTURE = 4 * 1024 * 1024;
const TAIL_LINES = 30;

/** Runs a command with a hard time bound, capturing its output; never throws. */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const tailLines: string[] = [];
    let timedOut = false;
    let spawnError: Error | undefined;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const partial = { out: '', err: '' };
    const onChunk = (which: 'out' | 'err', chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      if (which === 'out') stdout = (stdout + text).slice(-MAX_CAPTURE);
      else stderr = (stderr + text).slice(-MAX_CAPTURE);
      if (options.logFile) appendFileSync(options.logFile, text);
      const lines = (partial[which] + text).split('\n');
      partial[which] = lines.pop() ?? '';
      for (const line of lines) emit(line);
    };
    const emit = (line: string): void => {
      tailLines.push(line);
      if (tailLines.length > TAIL_LINES) tailLines.shift();
      options.onLine?.(line);
    };
    child.stdout?.on('data', (c: Buffer) => onChunk('out', c));
    child.stderr?.on('data', (c: Buffer) => onChunk('err', c));
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, options.timeoutMs);
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (partial.out) emit(partial.out);
      if (partial.err) emit(partial.err);
      resolve({
        code: timedOut || spawnError ? -1 : (code ?? -1),
        stdout,
        stderr,
        timedOut,
        spawnError,
        tail: tailLines.join('\n'),
      });
    });
  });
}

/** One-line description of why a command failed (exit code, timeout or spawn error). */
export function describeFailure(command: string, result: CommandResult, timeoutMs: number): string {
  if (result.spawnError) return `${command} could not start: ${result.spawnError.message}`;
  if (result.timedOut) return `${command} did not finish within ${Math.round(timeoutMs / 1000)}s and was stopped`;
  return `${command} exited with code ${result.code}`;
}
