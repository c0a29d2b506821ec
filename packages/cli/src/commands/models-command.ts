import { type CommandContext, writeJson } from '../command-context.js';
import { nothingFound, runDiscovery, type DiscoveryFlags } from '../discovery-options.js';
import { formatBytes, formatTable } from '../format-table.js';

/** `samus models`: every model on every server found, with kind, load state, context length and size. */
export async function modelsCommand(context: CommandContext): Promise<number> {
  const { discovery, report } = await runDiscovery(context.io, context.values as DiscoveryFlags);
  try {
    if (report.servers.length === 0) throw nothingFound(report);
    const models = discovery.catalogue.models();
    const errors = discovery.catalogue.errors().map((e) => ({ url: e.url, error: e.error.toJSON() }));
    if (context.json) {
      writeJson(context, { ok: true, models, errors });
      return 0;
    }
    const { colors } = context;
    if (models.length === 0) {
      context.io.stdout.write('No models on the servers found.\n');
      context.io.stderr.write(`  ${colors.yellow('hint:')} Download one, e.g. \`ollama pull gemma3:270m\` or \`lms get <model>\`.\n`);
    } else {
      const rows = models.map((m) => [
        m.id,
        m.kind,
        m.loaded ? colors.green('yes') : 'no',
        m.loadedContextLength ? `${m.loadedContextLength}/${m.contextLength ?? '?'}` : String(m.contextLength ?? '—'),
        formatBytes(m.sizeBytes),
        m.server,
        m.capabilities.join(',') || '—',
      ]);
      context.io.stdout.write(formatTable(['MODEL', 'KIND', 'LOADED', 'CONTEXT', 'SIZE', 'SERVER', 'CAPABILITIES'], rows, colors.bold));
    }
    for (const e of discovery.catalogue.errors()) {
      context.io.stderr.write(`${colors.yellow('warning')} ${e.url}: ${e.error.message}\n  ${colors.yellow('hint:')} ${e.error.hint}\n`);
    }
    return 0;
  } finally {
    discovery.close();
  }
}
