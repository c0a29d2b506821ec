import { createKernel, type Kernel } from '@samus/kernel';
import { openaiPlugin } from '@samus/provider-core';
import { llamaCppPlugin } from '@samus/provider-llamacpp/plugin';
import { lmStudioPlugin } from '@samus/provider-lmstudio/plugin';
import { ollamaPlugin } from '@samus/provider-ollama/plugin';
import type { CliIo } from './cli-io.js';

/**
 * A kernel with the plugins the CLI ships (Ollama, LM Studio, OpenAI-compatible) and any extra ones `io.plugins`
 * brings, reading `io.env`. Every command reaches servers only through these plugins.
 */
export function createCliKernel(io: Pick<CliIo, 'env' | 'plugins'>): Kernel {
  const kernel = createKernel({ env: io.env }).register(ollamaPlugin).register(lmStudioPlugin).register(llamaCppPlugin).register(openaiPlugin);
  for (const plugin of io.plugins ?? []) kernel.register(plugin);
  return kernel;
}
