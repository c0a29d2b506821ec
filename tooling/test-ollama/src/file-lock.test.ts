import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function lockDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samus-lock-'));
  dirs.push(dir);
  return join(dir, 'lock');
}

describe('withFileLock', () => {
  it('serialises two holders of the same lock', async () => {
    const dir = lockDir();
    const events: string[] = [];
    const hold = (name: string) =>
      withFileLock(dir, 10_000, async () => {
        events.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name}:out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect(events).toEqual(['a:in', 'a:out', 'b:in', 'b:out']);
  });

  it('takes over a lock whose owner died', async () => {
    const dir = lockDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    mkdirSync(dir);
    writeFileSync(join(dir, 'pid'), dead.stdout);
    await expect(withFileLock(dir, 10_000, async () => 'ran')).resolves.toBe('ran');
  });

  it('gives up after its bound when a live owner holds the lock', async () => {
    const dir = lockDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'pid'), String(process.ppid));
    await expect(withFileLock(dir, 1_500, async () => 'ran')).rejects.toThrow(/still held by pid/);
  });
});
