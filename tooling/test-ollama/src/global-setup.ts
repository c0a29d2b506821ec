import type { TestProject } from 'vitest/node';
import { CHAT_MODEL, EMBEDDING_MODEL, TOOLS_MODEL } from './model-names.js';
import { progress } from './progress.js';
import type { OllamaProvided } from './provided-context.js';
import { ProvisionError } from './provision-error.js';
import { containerOwner, type StartedOllama, startOllama } from './start-ollama.js';
import { sweepOrphanedContainers, sweepOwnedContainers } from './sweep-containers.js';

/**
 * vitest `globalSetup` of the contract project: provisions once (engine, image, models), starts ONE
 * shared Ollama container with the test models and provides `ollama` (see {@link OllamaProvided}).
 * When no Docker engine can be had it provides `{ available: false, reason }` so contract tests
 * skip with that reason; any other provisioning failure fails the run with the step's error.
 * The teardown stops the shared container and removes any container of this run a test left;
 * containers left by killed earlier runs (owner pid gone) are removed at setup.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  let ollama: StartedOllama | undefined;
  let provided: OllamaProvided;
  try {
    progress('provisioning the shared Ollama container for the contract tests');
    ollama = await startOllama();
    const orphans = await sweepOrphanedContainers();
    if (orphans.length > 0) progress(`removed ${orphans.length} container(s) left by earlier runs that were killed`);
    const response = await fetch(`${ollama.baseUrl}/api/version`, { signal: AbortSignal.timeout(10_000) });
    const { version } = (await response.json()) as { version: string };
    provided = { available: true, baseUrl: ollama.baseUrl, version, models: { chat: CHAT_MODEL, embedding: EMBEDDING_MODEL, tools: TOOLS_MODEL } };
    progress(`Ollama ${version} at ${ollama.baseUrl} (ready in ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    if (!(error instanceof ProvisionError && error.engineUnavailable)) {
      await ollama?.stop().catch(() => undefined);
      throw error;
    }
    provided = { available: false, reason: `no Docker engine: ${error.message.split('\n')[0] ?? ''} (${error.hint})` };
    progress(`contract tests needing Ollama will be skipped: ${provided.reason}`);
  }
  project.provide('ollama', provided);
  return async () => {
    await ollama?.stop();
    if (!provided.available) return;
    const leftovers = await sweepOwnedContainers(containerOwner());
    if (leftovers.length > 0) progress(`removed ${leftovers.length} container(s) a test did not stop: ${leftovers.join(', ')}`);
  };
}
