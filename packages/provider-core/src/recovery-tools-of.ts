import type { OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
import { declaredToolsOf, type DeclaredTool } from './text-tool-call-recovery.js';

/**
 * The tools a chat request body declared, for text tool-call recovery, or `undefined` when recovery is off
 * (capability `textToolCalls: false`, `providerOptions.textToolCalls: false`) or the body declares no tools.
 */
export function recoveryToolsOf(capabilities: Readonly<OpenAICompatibleCapabilities>, providerOptions: Record<string, unknown> | undefined, body: unknown): DeclaredTool[] | undefined {
  if (!capabilities.textToolCalls || providerOptions?.['textToolCalls'] === false) return undefined;
  return declaredToolsOf((body as { tools?: unknown } | null | undefined)?.tools);
}
