import { dockerCli } from './docker-engine.js';
import { runCommand } from './run-command.js';

/** The image's id when present locally, else undefined. */
export async function localImageId(image: string): Promise<string | undefined> {
  const result = await runCommand(dockerCli(), ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 30_000 });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/**
 * Removes the other tags of `repository` (older builds of a changed recipe), never forcing:
 * an image a container still uses stays. Failures are ignored.
 * @returns the tags removed
 */
export async function removeOtherTags(repository: string, keep: string): Promise<string[]> {
  const listed = await runCommand(dockerCli(), ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repository], { timeoutMs: 30_000 });
  if (listed.code !== 0) return [];
  const removed: string[] = [];
  for (const tag of listed.stdout.split('\n').map((t) => t.trim())) {
    if (!tag || tag === keep || tag.endsWith(':<none>')) continue;
    const result = await runCommand(dockerCli(), ['image', 'rm', tag], { timeoutMs: 60_000 });
    if (result.code === 0) removed.push(tag);
  }
  return removed;
}
