import { dockerCli } from './docker-engine.js';
import { CONTAINER_LABEL } from './model-names.js';
import { runCommand } from './run-command.js';

/** Ids of every container (running or not) labelled `samus.test-ollama=<owner>`. */
export async function listOwnedContainers(owner: string): Promise<string[]> {
  const result = await runCommand(dockerCli(), ['ps', '-a', '-q', '--filter', `label=${CONTAINER_LABEL}=${owner}`], { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`docker ps failed: ${result.tail}`);
  return result.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** Force-removes every container labelled `samus.test-ollama=<owner>`; returns the removed ids. */
export async function sweepOwnedContainers(owner: string): Promise<string[]> {
  const ids = await listOwnedContainers(owner);
  if (ids.length > 0) await runCommand(dockerCli(), ['rm', '-f', '-v', ...ids], { timeoutMs: 60_000 });
  return ids;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Force-removes containers whose owner (a pid on this machine, see `containerOwner`) no longer
 * runs: what a killed test run left behind. Containers of live runs are never touched.
 * @returns the removed ids
 */
export async function sweepOrphanedContainers(): Promise<string[]> {
  const result = await runCommand(dockerCli(), ['ps', '-a', '--filter', `label=${CONTAINER_LABEL}`, '--format', `{{.ID}} {{.Label "${CONTAINER_LABEL}"}}`], {
    timeoutMs: 30_000,
  });
  if (result.code !== 0) return [];
  const orphans: string[] = [];
  for (const line of result.stdout.split('\n')) {
    const [id, owner] = line.trim().split(' ');
    if (id && owner && /^\d+$/.test(owner) && !pidAlive(Number(owner))) orphans.push(id);
  }
  if (orphans.length > 0) await runCommand(dockerCli(), ['rm', '-f', '-v', ...orphans], { timeoutMs: 60_000 });
  return orphans;
}
