import { describe, expect, it } from 'vitest';
import { describeFailure, runCommand } from './run-command.js';

describe('runCommand', () => {
  it('captures output, lines and the exit code', async () => {
    const lines: string[] = [];
    const result = await runCommand(process.execPath, ['-e', 'console.log("one\\ntwo"); console.error("three"); process.exit(3)'], {
      timeoutMs: 10_000,
      onLine: (line) => lines.push(line),
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('one\ntwo\n');
    expect(lines.sort()).toEqual(['one', 'three', 'two']);
    expect(describeFailure('node', result, 10_000)).toBe('node exited with code 3');
  });

  it('stops a command that outlives its bound', async () => {
    const result = await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(describeFailure('node', result, 300)).toBe('node did not finish within 0s and was stopped');
  });

  it('reports a command that cannot start', async () => {
    const result = await runCommand('/nonexistent/samus-no-such-command', [], { timeoutMs: 5_000 });
    expect(result.code).toBe(-1);
    expect(describeFailure('samus-no-such-command', result, 5_000)).toMatch(/could not start: .*ENOENT/);
  });
});
