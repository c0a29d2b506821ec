import type { ModelInfo } from '@samus/kernel';

/**
 * One model on one server: the providers' normalised {@link ModelInfo} (`id`, `kind` chat/embedding,
 * `capabilities`, `contextLength`, `loaded`, `sizeBytes`, …) plus where it lives.
 */
export interface CatalogueModel extends ModelInfo {
  /** Base URL of the server that has it. */
  server: string;
  /** The id of the plugin that serves it (see `DiscoveredServer.kind`). */
  serverKind: string;
}

/**
 * True when `requested` names `model`: its id or one of its aliases, case-insensitively for Ollama, with
 * Ollama's implicit `:latest` tag (`llama3` matches `llama3:latest`).
 */
export function matchesModelName(model: Pick<CatalogueModel, 'id' | 'aliases' | 'serverKind'>, requested: string): boolean {
  if (model.id === requested || model.aliases.includes(requested)) return true;
  if (model.serverKind !== 'ollama') return false;
  const id = model.id.toLowerCase();
  const wanted = requested.toLowerCase();
  return id === wanted || (!wanted.includes(':') && id === `${wanted}:latest`) || model.aliases.some((alias) => alias.toLowerCase() === wanted);
}
