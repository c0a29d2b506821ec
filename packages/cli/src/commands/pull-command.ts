import type { Kernel, PullProgress } from '@samus/kernel';
import { usageError } from '../cli-error.js';
import { createCliKernel } from '../cli-kernel.js';
import { type CommandContext, writeJson } from '../command-context.js';
import { formatDuration } from '../format-duration.js';
import { formatBytes } from '../format-table.js';
import { NdjsonProgress } from '../progress/ndjson-progress.js';
import { PlainProgressLines } from '../progress/plain-progress-lines.js';
import type { ProgressRenderer } from '../progress/progress-renderer.js';
import { TtyProgressBar } from '../progress/tty-progress-bar.js';
import { explainPullError } from '../pull-error.js';

/** `--auth` values of `samus pull`: the first auth type of every registered plugin that can pull (`capabilities.pull`). */
function pullAuthTypes(kernel: Kernel): string[] {
  return kernel
    .plugins()
    .filter((plugin) => plugin.capabilities?.pull === true)
    .map((plugin) => plugin.authTypes[0]!);
}

interface PullFlags {
  auth?: string;
  'base-url'?: string;
}

/** `--json` → NDJSON on stdout; a terminal → a bar redrawn in place on stderr; else plain lines on stderr. */
function progressRenderer(context: CommandContext): ProgressRenderer {
  const { io, errColors } = context;
  if (context.json) return new NdjsonProgress(io.stdout);
  if (io.stderr.isTTY === true && io.env.TERM !== 'dumb') return new TtyProgressBar({ stream: io.stderr, colors: errColors });
  return new PlainProgressLines({ stream: io.stderr });
}

/**
 * `samus pull <model>`: downloads a model into Ollama (default; `OLLAMA_BASE_URL` / `OLLAMA_HOST` / --base-url,
 * else http://localhost:11434) or LM Studio (`--auth lm-studio`), with a progress bar, plain progress lines or NDJSON.
 */
export async function pullCommand(context: CommandContext): Promise<number> {
  const { io, colors, errColors } = context;
  const flags = context.values as PullFlags;
  const kernel = createCliKernel(io);
  const auth = flags.auth ?? 'ollama';
  const choices = pullAuthTypes(kernel);
  if (!choices.includes(auth)) throw usageError(`samus pull --auth must be one of ${choices.join(', ')}, got "${flags.auth}"`);
  if (context.args.length !== 1 || context.args[0]!.trim() === '') {
    throw usageError('samus pull needs a model name, e.g. samus pull gemma3:270m', 'Run `samus pull <model>` (Ollama, e.g. gemma3:270m) or `samus pull --auth lm-studio <model>` (a catalog id or model page URL).');
  }
  const model = context.args[0]!.trim();
  const config = kernel.createContentGeneratorConfig(auth, { model, ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}) });
  const baseUrl = config.baseUrl!;
  const serverName = kernel.pluginFor(auth)?.displayName ?? auth;

  const renderer = progressRenderer(context);
  let last: PullProgress | undefined;
  const onProgress = (progress: PullProgress): void => {
    last = progress;
    renderer.update(progress);
  };
  if (!context.json) io.stderr.write(`${errColors.dim(`pulling ${model} into ${serverName} at ${baseUrl}`)}\n`);
  const began = performance.now();
  let status: string;
  try {
    // Through the plugin's admin only: the CLI knows no provider client.
    const admin = await kernel.createAdmin(auth, { baseUrl, headers: config.headers, timeouts: config.timeouts, ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }) });
    const result = await admin.pull!(model, { onProgress, ...(io.signal ? { signal: io.signal } : {}) });
    status = result.status;
    if (result.totalBytes !== undefined && last === undefined) last = { phase: 'success', status, completedBytes: result.totalBytes, totalBytes: result.totalBytes, percent: 100 };
  } catch (error) {
    renderer.end(false);
    throw explainPullError(error, { auth, model, baseUrl });
  }
  renderer.end(true);
  const durationMs = Math.round(performance.now() - began);
  const totalBytes = last?.totalBytes;
  if (context.json) {
    writeJson(context, { ok: true, auth, model, server: baseUrl, status, ...(totalBytes ? { totalBytes } : {}), durationMs });
    return 0;
  }
  const what = status === 'already_downloaded' ? 'already downloaded' : 'pulled';
  const size = totalBytes ? ` (${formatBytes(totalBytes)})` : '';
  io.stdout.write(`${colors.green(what)} ${colors.bold(model)}${size} in ${formatDuration(durationMs / 1000)} · ${baseUrl}\n`);
  return 0;
}
