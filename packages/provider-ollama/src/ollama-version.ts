/** The Ollama versions this provider is tested against (inclusive lower bound). */
export const OLLAMA_TESTED_VERSIONS = { min: '0.11.4', tested: '0.11.4' } as const;

function parts(version: string): number[] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
}

/** Compares two `x.y.z` versions: negative when `a < b`. Unparseable versions compare as equal. */
export function compareVersions(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  if (left.length === 0 || right.length === 0) return 0;
  for (let index = 0; index < 3; index += 1) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A warning when `version` is older than the tested range, else undefined. */
export function checkOllamaVersion(version: string): string | undefined {
  if (parts(version).length === 0) return `Ollama reported an unrecognised version "${version}"; this provider is tested with ${OLLAMA_TESTED_VERSIONS.tested}.`;
  if (compareVersions(version, OLLAMA_TESTED_VERSIONS.min) < 0) {
    return `Ollama ${version} is older than the tested range (>= ${OLLAMA_TESTED_VERSIONS.min}): some features (tool calls, structured output, thinking) may fail. Upgrade Ollama.`;
  }
  return undefined;
}
