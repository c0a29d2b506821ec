import { SamusError, type EnvSource, type SamusPlugin } from '@samus/kernel';

/** The plugin's key variables that are set in `env` but withheld from a server at `source` (see {@link credentialEnv}). */
export function withheldKeyVariables(env: EnvSource, source: string, plugin: SamusPlugin | undefined): string[] {
  if (source !== 'default' || plugin === undefined) return [];
  const names = new Set(Object.values(plugin.configSpecs ?? {}).flatMap((spec) => spec.apiKeyEnv ?? []));
  return [...names].filter((name) => env[name] !== undefined);
}

/**
 * The environment a discovered server's admin and generators read. For an address nobody configured — found by
 * scanning the default ports (`source: 'default'`) — the plugin's key variables (`LM_API_TOKEN`, `OPENAI_API_KEY`, …)
 * are left out, so a user's credentials never reach whatever process happens to listen on a well-known port. A
 * server given as a host (`hosts`, `--host`) or by its variable (`LM_STUDIO_BASE_URL`, `OPENAI_BASE_URL`, …) gets
 * them; a per-server key (`apiKeys`) is passed explicitly and is not affected.
 */
export function credentialEnv(env: EnvSource, source: string, plugin: SamusPlugin | undefined): EnvSource {
  const withheld = new Set(withheldKeyVariables(env, source, plugin));
  return withheld.size === 0 ? env : Object.fromEntries(Object.entries(env).filter(([name]) => !withheld.has(name)));
}

/** An UNAUTHORIZED answer from a server whose key was withheld, with the fix: configure its address. */
export function explainWithheldKey(error: unknown, url: string, withheld: readonly string[]): unknown {
  if (withheld.length === 0 || !SamusError.is(error, 'SAMUS_ERR_UNAUTHORIZED')) return error;
  return new SamusError('SAMUS_ERR_UNAUTHORIZED', `${error.message} (${withheld.join(', ')} not sent: ${url} was found by scanning ports)`, {
    hint: `Keys go only to addresses you configured: pass --host ${url} (hosts option) or set the server's base URL variable to it.`,
    cause: error,
    details: { ...error.details, withheld },
  });
}
