/** Levenshtein distance, for nearest-name suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

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
