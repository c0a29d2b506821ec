import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from './find-executable.js';
import { ensureOllamaBinary, ollamaBinaryPaths } from './ollama-binary.js';
import { ProvisionError } from './provision-error.js';

const noGoPath = { PATH: '/nonexistent' };
const goOnlyOnPath = findExecutable('go', noGoPath) === undefined;
const go = findExecutable('go');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samus-go-'));
  dirs.push(dir);
  return dir;
}

describe('ensureOllamaBinary', () => {
  it.skipIf(!goOnlyOnPath)('says Go is missing when it is not on PATH (skipped when go sits in a system dir)', async () => {
    const env = { ...noGoPath, SAMUS_CACHE_DIR: tempCache() };
    const error = await ensureOllamaBinary(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    expect((error as ProvisionError).message).toContain('Go is not installed');
    expect((error as ProvisionError).hint).toMatch(/SAMUS_OLLAMA_IMAGE/);
  });

  it.skipIf(!go)('reports a failing go build with its log tail and leaves no binary (skipped without Go)', async () => {
    const env = { ...process.env, SAMUS_CACHE_DIR: tempCache() };
    const paths = ollamaBinaryPaths(env);
    // A broken "source tree" where the module would be: the real build step runs on it.
    mkdirSync(paths.sourceDir, { recursive: true });
    writeFileSync(join(paths.sourceDir, 'go.mod'), 'module example.com/broken\n\ngo 1.22\n');
    writeFileSync(join(paths.sourceDir, 'main.go'), 'package main\n\nfunc main() { this is not go }\n');
    const error = await ensureOllamaBinary(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    const failure = error as ProvisionError;
    expect(failure.step).toBe('ollama-binary');
    expect(failure.message).toContain('go build failed: go build exited with code 1');
    expect(failure.logFile).toBe(paths.logFile);
    expect(failure.logTail).toMatch(/main\.go:3/);
    expect(existsSync(paths.binary)).toBe(false);
    expect(existsSync(paths.partial)).toBe(false);
  }, 120_000);
});
