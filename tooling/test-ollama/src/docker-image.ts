import { dockerCli } from './docker-engine.js';
import { runCommand } from './run-command.js';

/** The image's id when present locally, else undefined. */
export async function localImageId(image: string): Promise<string | undefined> {
  const result = await runCommand(dockerCli(), ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 30_000 });
  return result.code === 0 ? result.stdout.trim() : undefined;
}
