import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The samus cache root: `$SAMUS_CACHE_DIR`, else `$XDG_CACHE_HOME/samus`, else `~/.cache/samus`
 * (the same rule as tooling/bootstrap/bootstrap.mjs).
 */
export function samusCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAMUS_CACHE_DIR) return env.SAMUS_CACHE_DIR;
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'samus');
}
