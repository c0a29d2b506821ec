import { progress, ProvisionError } from '@samus/test-ollama';
import type { TestProject } from 'vitest/node';
import { LLAMA_CPP_PYTHON_VERSION } from './llama-server-binary.js';
import type { LlamaCppProvided } from './provided-context.js';
import { type StartedLlamaServer, startLlamaServer } from './start-llama-server.js';

/**
 * vitest `globalSetup` of the contract project (runs after @samus/test-ollama's): builds llama-server once (cached),
 * starts ONE shared server in router mode with the test models and provides `llamaCpp`. `SAMUS_LLAMA_CPP=off`, or
 * no way to get a compiler (not root, not Debian), provides `{ available: false, reason }` so the llama.cpp contract
 * tests skip with that reason; any other failure (download, sha256, build, start) fails the run with its log tail.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: StartedLlamaServer | undefined;
  let provided: LlamaCppProvided;
  if (process.env.SAMUS_LLAMA_CPP === 'off') {
    provided = { available: false, reason: 'SAMUS_LLAMA_CPP=off' };
  } else {
    try {
      progress('provisioning the shared llama-server for the contract tests');
      server = await startLlamaServer();
      provided = { available: true, baseUrl: server.baseUrl, models: server.models, contextSize: server.contextSize, version: LLAMA_CPP_PYTHON_VERSION };
    } catch (error) {
      if (!(error instanceof ProvisionError && error.step === 'build-tools')) throw error;
      provided = { available: false, reason: `llama-server cannot be built here: ${error.message.split('\n')[0] ?? ''} (${error.hint})` };
      progress(`contract tests needing llama-server will be skipped: ${provided.reason}`);
    }
  }
  project.provide('llamaCpp', provided);
  return async () => {
    await server?.stop();
  };
}
