import { SamusError, type ModelInfo } from '@samus/kernel';
import { usageError } from '../cli-error.js';
import { createCliKernel } from '../cli-kernel.js';
import { type CommandContext, writeJson } from '../command-context.js';
import { contextWindowOf, formatContext } from '../context-window.js';
import { formatBytes, formatTable } from '../format-table.js';
import { adminFor, cannot, findModel, targetServers, type ServerRef, type TargetFlags } from '../model-target.js';
import { printWarning } from '../print-warning.js';

function callOptions(context: CommandContext): { signal?: AbortSignal } {
  return context.io.signal ? { signal: context.io.signal } : {};
}

function modelName(context: CommandContext): string {
  const name = context.args[0]?.trim() ?? '';
  if (name === '') throw usageError('The model name is empty', 'Name a model, e.g. gemma3:270m (see `samus models`).');
  return name;
}

function until(expiresAt: string | undefined): string {
  if (!expiresAt) return '—';
  const ms = Date.parse(expiresAt) - Date.now();
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0) return 'now';
  if (ms > 365 * 24 * 3_600_000) return 'never';
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? 'in <1 minute' : minutes < 120 ? `in ${minutes} minutes` : `in ${Math.round(minutes / 60)} hours`;
}

/** `samus ps`: the models loaded now, on every server found (or the `--auth` one) whose plugin can tell. */
export async function psCommand(context: CommandContext): Promise<number> {
  const kernel = createCliKernel(context.io);
  const flags = context.values as TargetFlags;
  const { servers, discovery } = await targetServers(context.io, kernel, flags, 'ps');
  discovery?.close();
  const loaded: (ModelInfo & { server: string; serverKind: string })[] = [];
  const errors: { url: string; error: ReturnType<SamusError['toJSON']> }[] = [];
  await Promise.all(
    servers.map(async (server) => {
      if (kernel.plugin(server.kind)?.capabilities?.ps !== true) return;
      try {
        const admin = await adminFor(kernel, server);
        for (const model of await admin.ps!(callOptions(context))) loaded.push({ ...model, server: server.url, serverKind: server.kind });
      } catch (error) {
        if (flags.auth !== undefined || !SamusError.is(error)) throw error;
        errors.push({ url: server.url, error: error.toJSON() });
      }
    }),
  );
  loaded.sort((a, b) => a.server.localeCompare(b.server) || a.id.localeCompare(b.id));
  if (context.json) {
    writeJson(context, { ok: true, models: loaded, errors });
    return 0;
  }
  if (loaded.length === 0) context.io.stdout.write('No model is loaded.\n');
  else {
    const rows = loaded.map((m) => [m.id, m.kind, formatContext(m.loadedContextLength ? { tokens: m.loadedContextLength, source: 'loaded', ...(m.contextLength ? { trained: m.contextLength } : {}) } : undefined), formatBytes(m.sizeBytes), until(m.expiresAt), m.server]);
    context.io.stdout.write(formatTable(['MODEL', 'KIND', 'CONTEXT', 'SIZE', 'UNTIL', 'SERVER'], rows, context.colors.bold));
  }
  for (const e of errors) printWarning(context, e.url, e.error);
  return 0;
}

/** `samus show MODEL`: one model's details. */
export async function showCommand(context: CommandContext): Promise<number> {
  const kernel = createCliKernel(context.io);
  const name = modelName(context);
  const { server, model } = await findModel(context.io, kernel, context.values as TargetFlags, name);
  const contextWindow = await contextWindowOf(kernel, server, model, AbortSignal.timeout(5_000));
  if (context.json) {
    writeJson(context, { ok: true, model: { ...model, server: server.url, serverKind: server.kind, ...(contextWindow ? { contextWindow } : {}) } });
    return 0;
  }
  const { colors } = context;
  const rows: [string, string | undefined][] = [
    ['model', model.id],
    ['aliases', model.aliases.length > 0 ? model.aliases.join(', ') : undefined],
    ['kind', model.kind],
    ['server', `${server.url} (${kernel.plugin(server.kind)?.displayName ?? server.kind})`],
    ['loaded', model.loaded ? `yes${model.expiresAt ? ` (unloads ${until(model.expiresAt)})` : ''}` : 'no'],
    ['context', contextWindow ? `${contextWindow.tokens} tokens (${contextWindow.source})` : undefined],
    ['max context', model.contextLength === undefined ? undefined : `${model.contextLength} tokens`],
    ['family', model.family],
    ['parameters', model.parameterSize],
    ['quantization', model.quantization],
    ['size', model.sizeBytes === undefined ? undefined : formatBytes(model.sizeBytes)],
    ['capabilities', model.capabilities.length > 0 ? model.capabilities.join(', ') : undefined],
    ['digest', model.digest],
    ['modified', model.modifiedAt],
  ];
  const shown = rows.filter((row): row is [string, string] => row[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  context.io.stdout.write(shown.map(([label, value]) => `${colors.bold(label.padEnd(width))}  ${value}`).join('\n') + '\n');
  return 0;
}

async function lifecycle(context: CommandContext, action: 'delete' | 'load' | 'unload'): Promise<{ server: ServerRef; model: ModelInfo }> {
  const kernel = createCliKernel(context.io);
  const name = modelName(context);
  const { server, admin, model } = await findModel(context.io, kernel, context.values as TargetFlags, name, { capability: action, unique: action === 'delete' });
  const what = { delete: 'delete models', load: 'load models', unload: 'unload models' }[action];
  const method = admin[action];
  if (kernel.plugin(server.kind)?.capabilities?.[action] !== true || typeof method !== 'function') throw cannot(kernel, server, what);
  if (action === 'load') {
    const flags = context.values as { 'context-length'?: string; 'keep-alive'?: string };
    const raw = flags['context-length'];
    const contextLength = raw === undefined ? undefined : Number(raw);
    if (contextLength !== undefined && (!Number.isInteger(contextLength) || contextLength < 1 || contextLength > 10_000_000)) {
      throw usageError(`--context-length must be a whole number of tokens, got "${raw}"`, 'e.g. --context-length 8192', { flag: 'context-length' });
    }
    const keepAlive = flags['keep-alive'];
    await admin.load!(model.id, {
      ...callOptions(context),
      ...(contextLength === undefined ? {} : { contextLength }),
      ...(keepAlive === undefined ? {} : { keepAlive: /^-?\d+$/.test(keepAlive) ? Number(keepAlive) : keepAlive }),
    });
  } else await method.call(admin, model.id, callOptions(context));
  return { server, model };
}

function report(context: CommandContext, action: string, past: string, result: { server: ServerRef; model: ModelInfo }): number {
  if (context.json) {
    writeJson(context, { ok: true, action, model: result.model.id, server: result.server.url, serverKind: result.server.kind });
    return 0;
  }
  context.io.stdout.write(`${context.colors.green(past)} ${context.colors.bold(result.model.id)} · ${result.server.url}\n`);
  return 0;
}

/** `samus rm MODEL`: deletes a downloaded model from the server that has it. */
export async function rmCommand(context: CommandContext): Promise<number> {
  return report(context, 'delete', 'removed', await lifecycle(context, 'delete'));
}

/** `samus load MODEL`: loads a model into memory. */
export async function loadCommand(context: CommandContext): Promise<number> {
  return report(context, 'load', 'loaded', await lifecycle(context, 'load'));
}

/** `samus unload MODEL`: unloads a model from memory. */
export async function unloadCommand(context: CommandContext): Promise<number> {
  return report(context, 'unload', 'unloaded', await lifecycle(context, 'unload'));
}
