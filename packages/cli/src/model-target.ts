import { matchesModelName, type CatalogueModel, type Discovery } from '@samus/discovery';
import { SamusError, type EnvSource, type Kernel, type ModelInfo, type PluginCapabilities, type ProviderAdmin, type SamusPlugin } from '@samus/kernel';
import { usageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { similarModelNames } from './did-you-mean.js';
import { runDiscovery, nothingFound, type DiscoveryFlags } from './discovery-options.js';

/** One server a command talks to. */
export interface ServerRef {
  url: string;
  /** The plugin id (`ollama`, `lm-studio`, …). */
  kind: string;
  /** Where the address came from (`default` = found by scanning a port, `option`, `env:NAME`). */
  source: string;
}

/** The flags of the commands that act on one model or server. */
export interface TargetFlags extends DiscoveryFlags {
  auth?: string;
  'base-url'?: string;
}

/**
 * The environment a server's admin and generators read: keys (`LM_API_TOKEN`, `OPENAI_API_KEY`, …) only go to
 * addresses the user configured, never to a server found by scanning a default port (as discovery does).
 */
export function envForServer(env: EnvSource, server: ServerRef, plugin: SamusPlugin | undefined): EnvSource {
  if (server.source !== 'default' || plugin === undefined) return env;
  const keys = new Set(Object.values(plugin.configSpecs ?? {}).flatMap((spec) => spec.apiKeyEnv ?? []));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !keys.has(name)));
}

/** The auth type of a server kind (the plugin's first). */
export function authTypeOf(kernel: Kernel, kind: string): string {
  return kernel.plugin(kind)?.authTypes[0] ?? kind;
}

/** An admin for a discovered or configured server, through the kernel (the CLI knows no provider client). */
export function adminFor(kernel: Kernel, server: ServerRef, timeoutMs = 30_000): Promise<ProviderAdmin> {
  return kernel.createAdmin(authTypeOf(kernel, server.kind), {
    env: envForServer(kernel.env, server, kernel.plugin(server.kind)),
    baseUrl: server.url,
    timeouts: { connectMs: Math.min(timeoutMs, 10_000), firstByteMs: timeoutMs, idleMs: timeoutMs, totalMs: timeoutMs },
  });
}

/** The `--auth` kinds that can do `capability` (every admin kind when absent). */
export function authChoices(kernel: Kernel, capability?: keyof PluginCapabilities): string[] {
  return kernel
    .plugins()
    .filter((plugin) => (capability ? plugin.capabilities?.[capability] === true : plugin.capabilities?.modelListing === true))
    .map((plugin) => plugin.authTypes[0]!);
}

/** The one server of `--auth` (at `--base-url`, else its variable, else its default address). */
export function explicitServer(kernel: Kernel, flags: TargetFlags, capability?: keyof PluginCapabilities): ServerRef {
  const auth = flags.auth!;
  const choices = authChoices(kernel, capability);
  if (!choices.includes(auth)) throw usageError(`--auth must be one of ${choices.join(', ')}, got "${auth}"`, 'Name the kind of server, e.g. --auth ollama.', { flag: 'auth' });
  const plugin = kernel.pluginFor(auth)!;
  const spec = plugin.configSpecs?.[auth];
  const config = kernel.createContentGeneratorConfig(auth, { model: spec?.defaultModel ?? 'samus-any-model', ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}) });
  return { url: config.baseUrl!, kind: plugin.id, source: 'option' };
}

/** A model that `samus` could not find, with similar names it knows of and the `samus pull` hint. */
export function modelNotFound(name: string, known: readonly Pick<ModelInfo, 'id' | 'kind'>[], where: string, kind?: string): SamusError {
  const suggestions = similarModelNames(name, known.map((model) => model.id));
  return new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `No model "${name}" on ${where}`, {
    details: { model: name, suggestions, ...(kind ? { provider: kind } : {}) },
  });
}

/** The servers `samus` acts on: the one of `--auth`, or every server discovery finds. */
export async function targetServers(io: CliIo, kernel: Kernel, flags: TargetFlags, capability?: keyof PluginCapabilities): Promise<{ servers: ServerRef[]; discovery?: Discovery }> {
  if (flags.auth !== undefined) return { servers: [explicitServer(kernel, flags, capability)] };
  if (flags['base-url'] !== undefined) throw usageError('--base-url needs --auth to say which kind of server it is', 'Add --auth ollama or --auth lm-studio, or use --host URL to have it probed.', { flag: 'base-url' });
  const { discovery, report } = await runDiscovery(io, flags, kernel);
  if (discovery.servers().length === 0) {
    discovery.close();
    throw nothingFound(report);
  }
  return { servers: discovery.servers().map((server) => ({ url: server.url, kind: server.kind, source: server.source })), discovery };
}

/** Where a named model lives: its server, its admin and its normalised info. */
export interface ModelTarget {
  server: ServerRef;
  admin: ProviderAdmin;
  model: ModelInfo;
}

/**
 * Finds the server that has `name` (on the `--auth` server, or among the discovered ones). A model found on several
 * servers is an error when `unique` (for `samus rm`), else the first (loaded first) is used.
 */
export async function findModel(io: CliIo, kernel: Kernel, flags: TargetFlags, name: string, options: { capability?: keyof PluginCapabilities; unique?: boolean } = {}): Promise<ModelTarget> {
  const { servers, discovery } = await targetServers(io, kernel, flags, options.capability);
  try {
    let matches: { server: ServerRef; model: ModelInfo }[];
    if (discovery) {
      const models: readonly CatalogueModel[] = discovery.catalogue.models();
      matches = models
        .filter((model) => matchesModelName(model, name))
        .sort((a, b) => Number(b.loaded) - Number(a.loaded))
        .map((model) => ({ server: servers.find((server) => server.url === model.server)!, model }));
      if (matches.length === 0) {
        const errors = discovery.catalogue.errors();
        if (errors.length > 0 && models.length === 0) throw errors[0]!.error;
        throw modelNotFound(name, models, servers.length === 1 ? servers[0]!.url : `the ${servers.length} servers found (${servers.map((server) => server.url).join(', ')})`);
      }
    } else {
      const server = servers[0]!;
      const admin = await adminFor(kernel, server);
      const known = await admin.listModels(io.signal ? { signal: io.signal } : {});
      const found = known.filter((model) => matchesModelName({ ...model, serverKind: server.kind }, name));
      if (found.length === 0) throw modelNotFound(name, known, `${kernel.plugin(server.kind)?.displayName ?? server.kind} at ${server.url}`, server.kind);
      return { server, admin, model: found[0]! };
    }
    const distinct = [...new Set(matches.map((match) => match.server.url))];
    if (options.unique && distinct.length > 1) {
      throw usageError(`"${name}" is on ${distinct.length} servers: ${distinct.join(', ')}`, 'Say which with --auth KIND --base-url URL.', { model: name, servers: distinct });
    }
    const chosen = matches[0]!;
    return { server: chosen.server, admin: await adminFor(kernel, chosen.server), model: chosen.model };
  } finally {
    discovery?.close();
  }
}

/** The error for a server whose plugin cannot do `what` (LM Studio has no delete call, …). */
export function cannot(kernel: Kernel, server: ServerRef, what: string): SamusError {
  const name = kernel.plugin(server.kind)?.displayName ?? server.kind;
  return new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `${name} at ${server.url} cannot ${what} through its API`, {
    hint: `Do it in ${name} itself, or use a server kind that can (see \`samus help\`).`,
    details: { provider: server.kind, baseUrl: server.url },
  });
}
