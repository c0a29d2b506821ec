import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { samusCacheDir } from './cache-dir.js';
import { ensureDockerEngine } from './docker-engine.js';
import { withFileLock } from './file-lock.js';
import { ensureModelsImage } from './models-image.js';
import { ensureOllamaImage } from './ollama-image.js';

/** Options of {@link provisionOllama}. */
export interface ProvisionOllamaOptions {
  /** Bake the test models in (default true); false returns the bare Ollama image. */
  models?: boolean;
}

const LOCK_TIMEOUT_MS = 90 * 60_000;
const inFlight = new Map<boolean, Promise<string>>();

async function provision(models: boolean): Promise<string> {
  await ensureDockerEngine();
  const locks = join(samusCacheDir(), 'locks');
  mkdirSync(locks, { recursive: true });
  return withFileLock(join(locks, 'test-ollama-provision'), LOCK_TIMEOUT_MS, async () => {
    const base = await ensureOllamaImage();
    return models ? ensureModelsImage(base) : base;
  });
}

/**
 * Makes everything a real Ollama test container needs, idempotently and cached: the Docker engine
 * (started when root on Debian), the Ollama v0.11.4 image (official if present, else built from the
 * Go module), and — unless `models: false` — the derived image with the test models baked in.
 * Prints progress of long steps to stderr. Memoised per process; safe to run from several
 * processes at once (a file lock serialises the builds).
 * @returns the image name to run
 * @throws ProvisionError naming the failed step, a fix hint and the step's log tail
 */
export function provisionOllama(options: ProvisionOllamaOptions = {}): Promise<string> {
  const models = options.models ?? true;
  let pending = inFlight.get(models);
  if (!pending) {
    pending = provision(models);
    inFlight.set(models, pending);
    pending.catch(() => inFlight.delete(models));
  }
  return pending;
}
