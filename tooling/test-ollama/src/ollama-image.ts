import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { samusCacheDir } from './cache-dir.js';
import { localImageId, removeOtherTags } from './docker-image.js';
import { dockerCli } from './docker-engine.js';
import { OFFICIAL_OLLAMA_IMAGE, OLLAMA_VERSION } from './model-names.js';
import { ensureOllamaBinary } from './ollama-binary.js';
import { heartbeat, progress } from './progress.js';
import { ProvisionError } from './provision-error.js';
import { describeFailure, runCommand } from './run-command.js';

/** Bump when the image layout below changes, so the content-keyed tag changes too. */
const RECIPE = 'samus-ollama-image/1';
const PULL_TIMEOUT_MS = 20_000;
const USER_PULL_TIMEOUT_MS = 15 * 60_000;

/** Repository of the locally built Ollama images (tag: `<version>-<content hash>`). */
export const LOCAL_OLLAMA_REPOSITORY = 'samus/ollama';

/** Shared libraries the binary links, from `ldd` (absolute paths, including the loader). */
async function linkedLibraries(binary: string): Promise<string[]> {
  const result = await runCommand('ldd', [binary], { timeoutMs: 30_000 });
  if (result.code !== 0) {
    throw new ProvisionError('ollama-image', `ldd ${binary} failed`, { hint: 'ldd (libc-bin) is needed to pack the image', logTail: result.tail });
  }
  const libs: string[] = [];
  for (const line of result.stdout.split('\n')) {
    const match = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (match?.[1]) libs.push(match[1]);
  }
  return libs;
}

async function tryPullOnce(image: string): Promise<boolean> {
  const marker = join(samusCacheDir(), 'ollama', `pull-tried-${image.replaceAll(/[/:]/g, '_')}`);
  if (existsSync(marker)) return false;
  progress(`trying docker pull ${image} once (bounded ${PULL_TIMEOUT_MS / 1000}s)`);
  const pulled = await runCommand(dockerCli(), ['pull', image], { timeoutMs: PULL_TIMEOUT_MS });
  if (pulled.code === 0) return true;
  mkdirSync(join(samusCacheDir(), 'ollama'), { recursive: true });
  writeFileSync(marker, `${new Date().toISOString()} ${pulled.tail}\n`);
  progress(`pull failed (${pulled.stderr.trim().split('\n').pop() ?? 'no answer'}); building the image locally instead (not retried)`);
  return false;
}

/**
 * Returns an Ollama v0.11.4 image present in the local engine:
 * `SAMUS_OLLAMA_IMAGE` if set (pulled when absent), else `ollama/ollama:0.11.4` if present or
 * pullable (tried once), else a local image `samus/ollama:0.11.4-<hash>` made from the cached
 * binary and the shared libraries it links (a tar rootfs fed to `docker import`, so no base image,
 * builder or registry is needed). The tag is keyed by version + content; never rebuilt when unchanged.
 */
export async function ensureOllamaImage(): Promise<string> {
  const override = process.env.SAMUS_OLLAMA_IMAGE;
  if (override) {
    if (await localImageId(override)) return override;
    progress(`SAMUS_OLLAMA_IMAGE=${override} is not present locally; pulling it`);
    const pulled = await runCommand(dockerCli(), ['pull', override], { timeoutMs: USER_PULL_TIMEOUT_MS });
    if (pulled.code !== 0) {
      throw new ProvisionError('ollama-image', `SAMUS_OLLAMA_IMAGE=${override} is not present and could not be pulled`, {
        hint: 'load that image into the local engine (docker load) or unset SAMUS_OLLAMA_IMAGE to build the pinned one',
        logTail: pulled.tail,
      });
    }
    return override;
  }
  if (await localImageId(OFFICIAL_OLLAMA_IMAGE)) return OFFICIAL_OLLAMA_IMAGE;

  const binary = await ensureOllamaBinary();
  const libs = await linkedLibraries(binary);
  const hash = createHash('sha256').update(RECIPE).update(readFileSync(binary));
  for (const lib of libs) hash.update(lib).update(readFileSync(lib));
  const tag = `${LOCAL_OLLAMA_REPOSITORY}:${OLLAMA_VERSION}-${hash.digest('hex').slice(0, 16)}`;
  if (await localImageId(tag)) return tag;
  if (await tryPullOnce(OFFICIAL_OLLAMA_IMAGE)) return OFFICIAL_OLLAMA_IMAGE;

  progress(`building image ${tag} from ${binary} + ${libs.length} shared libraries`);
  const work = join(samusCacheDir(), 'ollama', `image-${process.pid}`);
  const rootfs = join(work, 'rootfs');
  rmSync(work, { recursive: true, force: true });
  try {
    for (const dir of ['bin', 'tmp', 'models', 'root', 'etc']) mkdirSync(join(rootfs, dir), { recursive: true });
    chmodSync(join(rootfs, 'tmp'), 0o1777);
    copyFileSync(binary, join(rootfs, 'bin', 'ollama'));
    chmodSync(join(rootfs, 'bin', 'ollama'), 0o755);
    for (const lib of libs) {
      const target = join(rootfs, lib);
      mkdirSync(join(target, '..'), { recursive: true });
      copyFileSync(lib, target); // copyFileSync follows symlinks: the real library lands under the soname
    }
    writeFileSync(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/ollama\n');
    writeFileSync(join(rootfs, 'etc', 'group'), 'root:x:0:\n');
    const tarball = join(work, 'rootfs.tar');
    const tar = await runCommand('tar', ['-C', rootfs, '-cf', tarball, '.'], { timeoutMs: 5 * 60_000 });
    if (tar.code !== 0) throw new ProvisionError('ollama-image', describeFailure('tar', tar, 300_000), { hint: 'check free disk space in the cache dir', logTail: tar.tail });
    const stop = heartbeat('importing the Ollama image');
    const imported = await runCommand(
      dockerCli(),
      [
        'import',
        '--change', 'ENTRYPOINT ["/bin/ollama"]',
        '--change', 'CMD ["serve"]',
        '--change', 'ENV HOME=/root OLLAMA_HOST=0.0.0.0:11434 OLLAMA_MODELS=/models',
        '--change', 'EXPOSE 11434',
        '--change', `LABEL org.opencontainers.image.version=${OLLAMA_VERSION} samus.recipe=${RECIPE}`,
        '--message', `Ollama ${OLLAMA_VERSION} built from the Go module (${basename(binary)})`,
        tarball,
        tag,
      ],
      { timeoutMs: 10 * 60_000 },
    ).finally(stop);
    if (imported.code !== 0) {
      throw new ProvisionError('ollama-image', describeFailure('docker import', imported, 600_000), { hint: 'check the Docker engine log and free disk space', logTail: imported.tail });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  progress(`image ${tag} ready`);
  const removed = await removeOtherTags(LOCAL_OLLAMA_REPOSITORY, tag);
  if (removed.length > 0) progress(`removed unused older Ollama image(s): ${removed.join(', ')}`);
  return tag;
}
