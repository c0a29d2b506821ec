/**
 * Canonical form of an Ollama model name, as `/api/tags` lists it: lower-case, with the implicit `:latest` tag
 * (`Llama3` → `llama3:latest`; `user/model` → `user/model:latest`; `hf.co/org/repo:Q4_K_M` unchanged).
 */
export function canonicalModelName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? trimmed : `${trimmed}:latest`;
}

/** True when `requested` names the installed `name` the way Ollama resolves it (`llama3` ↔ `llama3:latest`, case). */
export function sameModelName(requested: string, name: string): boolean {
  return canonicalModelName(requested) === canonicalModelName(name);
}

/** The names a user may type for an installed model: the canonical one, and without `:latest`. */
export function modelAliases(name: string): string[] {
  const canonical = canonicalModelName(name);
  const aliases = new Set<string>();
  if (name !== canonical) aliases.add(name);
  if (canonical.endsWith(':latest')) aliases.add(canonical.slice(0, -':latest'.length));
  aliases.delete(canonical);
  return [...aliases];
}
