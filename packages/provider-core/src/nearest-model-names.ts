import { editDistance as distance } from './edit-distance.js';

/** Up to `limit` installed names nearest to `wanted` (by edit distance of the name without tag, then with it). */
export function nearestModelNames(wanted: string, installed: readonly string[], limit = 3): string[] {
  const base = (name: string) => name.toLowerCase().replace(/:latest$/, '');
  const target = base(wanted);
  const targetFamily = target.split(':')[0]!;
  return installed
    .map((name) => {
      const candidate = base(name);
      const family = candidate.split(':')[0]!;
      const score = Math.min(distance(target, candidate), distance(targetFamily, family) + 0.5) - (family.includes(targetFamily) || targetFamily.includes(family) ? 1 : 0);
      return { name, score };
    })
    .filter((entry) => entry.score <= Math.max(3, target.length / 2))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}
