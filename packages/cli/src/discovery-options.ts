import { createDiscovery, type Discovery, type DiscoveryReport } from '@samus/discovery';
import { SamusError, type Kernel } from '@samus/kernel';
import { usageError } from './cli-error.js';
import { createCliKernel } from './cli-kernel.js';
import type { CliIo } from './cli-io.js';

/** The options every discovering command shares. */
export interface DiscoveryFlags {
  host?: string[];
  ports?: string;
  timeout?: string;
}

/** Parses `--ports 11434,1234` (or `none`). */
export function parsePorts(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '' || value.trim() === 'none') return [];
  return value.split(',').map((part) => {
    const port = Number(part.trim());
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw usageError(`--ports must be a comma-separated list of ports (or "none"), got "${value}"`);
    return port;
  });
}

/** Parses `--timeout` (probe timeout in ms). */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 60_000) throw usageError(`--timeout must be a whole number of milliseconds between 1 and 60000, got "${value}"`);
  return ms;
}

/**
 * Creates a discovery through `kernel`'s plugins (default: the CLI's) over their default ports, the env's configured
 * hosts and `--host`, and runs one pass.
 */
export async function runDiscovery(io: CliIo, flags: DiscoveryFlags, kernel: Kernel = createCliKernel(io)): Promise<{ discovery: Discovery; report: DiscoveryReport }> {
  const timeoutMs = parseTimeout(flags.timeout);
  const ports = parsePorts(flags.ports);
  const discovery = createDiscovery({
    env: io.env,
    kernel,
    ...(ports ? { ports } : {}),
    ...(flags.host?.length ? { hosts: flags.host } : {}),
    ...(timeoutMs === undefined ? {} : { probeTimeoutMs: timeoutMs }),
  });
  const report = await discovery.refresh(io.signal ? { signal: io.signal } : {});
  if (io.signal?.aborted) throw new SamusError('SAMUS_ERR_ABORTED', 'Interrupted');
  return { discovery, report };
}

/** The error for "nothing found", naming what was probed. */
export function nothingFound(report: DiscoveryReport): SamusError {
  const probed = report.outcomes.map((o) => o.target.url);
  const what = probed.length === 0 ? 'nothing to probe: no ports and no configured hosts' : `probed ${probed.join(', ')}`;
  return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `No local LLM server found (${what})`, {
    hint: 'Start Ollama (`ollama serve`) or LM Studio (`lms server start`), or point OLLAMA_HOST / LM_STUDIO_BASE_URL / OPENAI_BASE_URL or --host at a running server.',
    details: { probed: report.outcomes.map((o) => ({ url: o.target.url, reason: o.found ? 'found' : o.reason, message: o.found ? undefined : o.message })) },
  });
}
