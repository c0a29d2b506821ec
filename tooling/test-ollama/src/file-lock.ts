import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { progress } from './progress.js';

function holder(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` while holding a cross-process lock (an atomically created directory holding the
 * owner's pid), so two test runs on one machine never build the same cache entry at once. A lock
 * whose owner died is taken over. Waiting is bounded by `timeoutMs`.
 */
export async function withFileLock<T>(dir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holder(dir);
      if (pid === undefined || !alive(pid)) {
        // Owner died (or is still writing its pid: give it a moment before taking over).
        await new Promise((r) => setTimeout(r, 500));
        if (holder(dir) === pid) rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lock ${dir} is still held by pid ${pid} after ${Math.round(timeoutMs / 1000)}s`, { cause: error });
      if (!announced) progress(`waiting for pid ${pid}, which is provisioning the same cache (${dir})`);
      announced = true;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
