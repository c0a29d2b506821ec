import { editDistance } from '@samus/provider-core/internal';

/** The candidate closest to `wanted` (a mistyped command or flag name), when it is close enough to be a typo. */
export function didYouMean(wanted: string, candidates: readonly string[]): string | undefined {
  const target = wanted.toLowerCase();
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const candidate = name.toLowerCase();
    const score = candidate.startsWith(target) && target.length >= 2 ? 0.5 : editDistance(target, candidate);
    if (best === undefined || score < best.score) best = { name, score };
  }
  return best && best.score <= Math.max(2, Math.floor(target.length / 3)) ? best.name : undefined;
}

/** Model family of a name: `qwen2.5-7b-instruct` → `qwen`, `gemma3:270m` → `gemma`, `library/llama3.2` → `llama`. */
function family(name: string): string {
  const base = name.toLowerCase().split('/').at(-1)!.split(':')[0]!;
  return /^[a-z]+/.exec(base)?.[0] ?? base;
}

/**
 * Up to `limit` of `names` that `wanted` may have meant: names that start with it (`qwen`, `qwen2.5-7b` →
 * `qwen2.5-7b-instruct`), then names of the same family (`gemma3:1b` → `gemma3:270m`), then near misses by edit
 * distance; the tag `:latest` is ignored.
 */
export function similarModelNames(wanted: string, names: readonly string[], limit = 3): string[] {
  const strip = (name: string) => name.toLowerCase().replace(/:latest$/, '');
  const target = strip(wanted);
  const targetFamily = family(wanted);
  const scored = names.map((name) => {
    const candidate = strip(name);
    const short = candidate.split('/').at(-1)!;
    let score: number;
    if (candidate.startsWith(target) || short.startsWith(target)) score = 0;
    else if (candidate.includes(target)) score = 1;
    else if (targetFamily.length >= 3 && family(name) === targetFamily) score = 2;
    else {
      const distance = Math.min(editDistance(target, candidate), editDistance(target, short));
      score = distance <= Math.max(2, Math.floor(target.length / 4)) ? 3 + distance : Number.POSITIVE_INFINITY;
    }
    return { name, score };
  });
  return scored
    .filter((entry) => Number.isFinite(entry.score))
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}
