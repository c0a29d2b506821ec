import { createKernel, type EnvSource, type Kernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { lmStudioPlugin } from '@samus/provider-lmstudio';
import { ollamaPlugin } from '@samus/provider-ollama';

/** A kernel with the three provider plugins registered, reading `env`. */
export function createCliKernel(env: EnvSource): Kernel {
  return createKernel({ env }).register(ollamaPlugin).register(lmStudioPlugin).register(openaiPlugin);
}
