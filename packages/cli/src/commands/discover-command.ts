import type { CatalogueModel } from '@samus/discovery';
import { type CommandContext, writeJson } from '../command-context.js';
import { nothingFound, runDiscovery, type DiscoveryFlags } from '../discovery-options.js';
import { formatTable } from '../format-table.js';
import { printWarning } from '../print-warning.js';

function modelList(models: readonly CatalogueModel[], loadedMark: (text: string) => string): string {
  if (models.length === 0) return '—';
  return models.map((m) => (m.loaded ? loadedMark(`${m.id} (loaded)`) : m.id)).join(', ');
}

/** `samus discover`: the servers on this machine (and configured hosts), their health and models. */
export async function discoverCommand(context: CommandContext): Promise<number> {
  const { discovery, report } = await runDiscovery(context.io, context.values as DiscoveryFlags);
  try {
    if (report.servers.length === 0) throw nothingFound(report);
    await discovery.health.checkNow();
    const health = new Map(discovery.healthSnapshot().map((h) => [h.url, h]));
    const errors = new Map(discovery.catalogue.errors().map((e) => [e.url, e.error]));
    const servers = discovery.servers().map((server) => {
      const h = health.get(server.url);
      return {
        ...server,
        health: h?.state ?? 'unknown',
        ...(h?.lastError ? { healthError: h.lastError.toJSON() } : {}),
        ...(errors.has(server.url) ? { modelsError: errors.get(server.url)!.toJSON() } : {}),
        models: discovery.catalogue.modelsOf(server.url),
      };
    });
    if (context.json) {
      writeJson(context, {
        ok: true,
        durationMs: report.durationMs,
        servers,
        probed: report.outcomes.map((o) => (o.found ? { url: o.target.url, source: o.target.source, found: true } : { url: o.target.url, source: o.target.source, found: false, reason: o.reason, message: o.message })),
      });
      return 0;
    }
    const { colors } = context;
    const rows = servers.map((s) => {
      const state =
        s.health === 'healthy' ? colors.green(s.health) : s.health === 'unhealthy' ? colors.red(s.health) : s.health === 'unknown' ? s.health : colors.yellow(s.health);
      const modelsCell = s.modelsError ? colors.red(`(${s.modelsError.code})`) : modelList(s.models, colors.green);
      return [s.url, s.kind, s.version ?? '—', s.authRequired ? `${state} ${colors.yellow('(auth)')}` : state, modelsCell];
    });
    context.io.stdout.write(formatTable(['SERVER', 'KIND', 'VERSION', 'HEALTH', 'MODELS'], rows, colors.bold));
    for (const s of servers) {
      const problem = s.modelsError ?? s.healthError;
      if (problem) printWarning(context, s.url, problem);
    }
    context.io.stderr.write(context.errColors.dim(`probed ${report.outcomes.length} addresses in ${Math.round(report.durationMs)} ms\n`));
    return 0;
  } finally {
    discovery.close();
  }
}
