import { type CommandContext, writeJson } from '../command-context.js';
import { contextWindowOf, formatContext, type ContextWindowInfo } from '../context-window.js';
import { nothingFound, runDiscovery, type DiscoveryFlags } from '../discovery-options.js';
import { createCliKernel } from '../cli-kernel.js';
import { formatBytes, formatTable } from '../format-table.js';
import { printWarning } from '../print-warning.js';

/** `samus models`: every model on every server found, with kind, load state, the context window used and size. */
export async function modelsCommand(context: CommandContext): Promise<number> {
  const kernel = createCliKernel(context.io);
  const { discovery, report } = await runDiscovery(context.io, context.values as DiscoveryFlags, kernel);
  try {
    if (report.servers.length === 0 && discovery.servers().length === 0) throw nothingFound(report);
    const servers = new Map(discovery.servers().map((server) => [server.url, server]));
    const signal = AbortSignal.timeout(5_000);
    const models = await Promise.all(
      discovery.catalogue.models().map(async (model) => {
        const server = servers.get(model.server);
        const contextWindow: ContextWindowInfo | undefined = server
          ? await contextWindowOf(kernel, { url: server.url, kind: server.kind, source: server.source }, model, signal)
          : undefined;
        return { ...model, ...(contextWindow ? { contextWindow } : {}) };
      }),
    );
    const errors = discovery.catalogue.errors().map((e) => ({ url: e.url, error: e.error.toJSON() }));
    if (context.json) {
      writeJson(context, { ok: true, models, errors });
      return 0;
    }
    const { colors, errColors } = context;
    if (models.length === 0) {
      context.io.stdout.write('No models on the servers found.\n');
      context.io.stderr.write(`  ${errColors.yellow('hint:')} Download one, e.g. \`samus pull gemma3:270m\` or \`samus pull --auth lm-studio qwen/qwen3-4b\`.\n`);
    } else {
      const rows = models.map((m) => [
        m.id,
        m.kind,
        m.loaded ? colors.green('yes') : 'no',
        formatContext(m.contextWindow),
        formatBytes(m.sizeBytes),
        m.server,
        m.capabilities.join(',') || '—',
      ]);
      context.io.stdout.write(formatTable(['MODEL', 'KIND', 'LOADED', 'CONTEXT', 'SIZE', 'SERVER', 'CAPABILITIES'], rows, colors.bold));
    }
    for (const e of discovery.catalogue.errors()) printWarning(context, e.url, e.error);
    return 0;
  } finally {
    discovery.close();
  }
}
