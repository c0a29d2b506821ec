import type { ModelInfo } from '@samus/kernel';

/** The model to use when none was named: a loaded chat model first, then any chat model, never an embedding model. */
export function pickChatModel(models: readonly Pick<ModelInfo, 'id' | 'kind' | 'loaded'>[]): string | undefined {
  const usable = models.filter((m) => m.kind !== 'embedding');
  return (
    usable.find((m) => m.kind === 'chat' && m.loaded) ??
    usable.find((m) => m.kind === 'chat') ??
    usable.find((m) => m.loaded) ??
    usable[0]
  )?.id;
}
