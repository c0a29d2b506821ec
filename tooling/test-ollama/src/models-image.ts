import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dockerCli } from './docker-engine.js';
import { localImageId, removeOtherTags } from './docker-image.js';
import { freePort } from './free-port.js';
import { ensureModelFiles } from './model-files.js';
import { OLLAMA_VERSION } from './model-names.js';
import { MODEL_RECIPES, type ModelRecipe } from './model-recipes.js';
import { dockerNetworkMode } from './network-mode.js';
import { createModel, showModel, uploadBlob, waitForOllamaVersion } from './ollama-http.js';
import { progress } from './progress.js';
import { ProvisionError } from './provision-error.js';
import { runCommand } from './run-command.js';

/** Bump when the import procedure changes, so the content-keyed tag changes too. */
const RECIPE = 'samus-ollama-models/2';
const CREATE_TIMEOUT_MS = 10 * 60_000;
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/** Repository of the derived images with the models baked in. */
export const MODELS_REPOSITORY = 'samus/ollama-models';

async function sha256Of(file: string): Promise<string> {
  const sidecar = `${file}.sha256`;
  const { size, mtimeMs } = statSync(file);
  if (existsSync(sidecar)) {
    const [digest, knownSize, knownMtime] = readFileSync(sidecar, 'utf8').trim().split(' ');
    if (digest && Number(knownSize) === size && Number(knownMtime) === mtimeMs) return digest;
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = `sha256:${hash.digest('hex')}`;
  writeFileSync(sidecar, `${digest} ${size} ${mtimeMs}\n`);
  return digest;
}

async function docker(args: string[], timeoutMs: number, what: string): Promise<string> {
  const result = await runCommand(dockerCli(), args, { timeoutMs });
  if (result.code !== 0) {
    throw new ProvisionError('models-image', `${what} failed (docker ${args[0]} exit ${result.code}${result.timedOut ? ', timed out' : ''})`, {
      hint: 'check the Docker engine (docker info) and free disk space',
      logTail: result.tail,
    });
  }
  return result.stdout.trim();
}

/**
 * Returns an image with the models of {@link MODEL_RECIPES} baked in, derived from `baseImage`:
 * `samus/ollama-models:0.11.4-<hash>` keyed by the base image id and the recipes. When missing it
 * is made with Ollama's own create flow: a provisioning container from `baseImage`, each model
 * file uploaded as a blob (`POST /api/blobs/<digest>`), `POST /api/create` with `files`
 * (+ template and parameters), the capabilities checked with `/api/show`, then `docker commit`.
 * @param env environment for the model-file cache and pip
 */
export async function ensureModelsImage(
  baseImage: string,
  recipes: readonly ModelRecipe[] = MODEL_RECIPES,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const baseId = await localImageId(baseImage);
  if (!baseId) throw new ProvisionError('models-image', `base image ${baseImage} is not present`, { hint: 'run the provisioning again' });
  const key = createHash('sha256').update(RECIPE).update(baseId).update(JSON.stringify(recipes)).digest('hex').slice(0, 16);
  const tag = `${MODELS_REPOSITORY}:${OLLAMA_VERSION}-${key}`;
  if (await localImageId(tag)) return tag;

  const files = await ensureModelFiles(recipes, env);
  progress(`creating models image ${tag} from ${baseImage}`);
  const mode = dockerNetworkMode();
  const name = `samus-ollama-provision-${process.pid}-${Date.now()}`;
  const port = mode === 'host' ? await freePort() : 11434;
  // No labels here: `docker commit` would copy them into the image and so onto every container of it.
  const runArgs = ['run', '-d', '--name', name, '-e', 'OLLAMA_MODELS=/models'];
  if (mode === 'host') runArgs.push('--network', 'host', '-e', `OLLAMA_HOST=127.0.0.1:${port}`);
  else runArgs.push('-p', '127.0.0.1::11434', '-e', 'OLLAMA_HOST=0.0.0.0:11434');
  await docker([...runArgs, baseImage], 60_000, 'starting the provisioning container');
  try {
    const running = async (): Promise<boolean> => (await runCommand(dockerCli(), ['inspect', '-f', '{{.State.Running}}', name], { timeoutMs: 10_000 })).stdout.trim() === 'true';
    const connect = async (): Promise<string> => {
      const url = mode === 'bridge' ? `http://${(await docker(['port', name, '11434/tcp'], 30_000, 'docker port')).split('\n')[0]}` : `http://127.0.0.1:${port}`;
      await waitForOllamaVersion(url, 60_000, running);
      return url;
    };
    const baseUrl = await connect();
    for (const recipe of recipes) {
      const modelFiles = files.get(recipe.model) ?? new Map<string, string>();
      const digests: Record<string, string> = {};
      for (const [fileName, path] of modelFiles) {
        const digest = await sha256Of(path);
        progress(`${recipe.model}: uploading ${fileName} (${Math.round(statSync(path).size / 1e6)} MB)`);
        await uploadBlob(baseUrl, digest, path, UPLOAD_TIMEOUT_MS);
        digests[fileName] = digest;
      }
      progress(`${recipe.model}: /api/create`);
      const body: Record<string, unknown> = { model: recipe.model, files: digests };
      if (recipe.template) body.template = recipe.template;
      if (recipe.parameters) body.parameters = recipe.parameters;
      let lastStatus = '';
      await createModel(baseUrl, body, CREATE_TIMEOUT_MS, (status) => {
        if (status !== lastStatus) progress(`${recipe.model}: ${status}`);
        lastStatus = status;
      });
      const shown = await showModel(baseUrl, recipe.model);
      const missing = recipe.capabilities.filter((c) => !shown.capabilities?.includes(c));
      if (missing.length > 0) throw new Error(`${recipe.model} lacks capabilities ${missing.join(', ')} (has ${shown.capabilities?.join(', ') ?? 'none'})`);
    }
    // A restart lets Ollama prune blobs no manifest uses (the raw safetensors), keeping the image small.
    await docker(['stop', '-t', '30', name], 60_000, 'stopping the provisioning container');
    await docker(['start', name], 60_000, 'restarting the provisioning container');
    await connect();
    await docker(['stop', '-t', '30', name], 60_000, 'stopping the provisioning container');
    await docker(
      ['commit', '--change', 'ENV OLLAMA_HOST=0.0.0.0:11434', '--change', 'ENV OLLAMA_MODELS=/models', '--message', `models: ${recipes.map((r) => r.model).join(', ')}`, name, tag],
      10 * 60_000,
      'docker commit of the models image',
    );
  } catch (error) {
    if (error instanceof ProvisionError) throw error;
    const logs = await runCommand(dockerCli(), ['logs', '--tail', '60', name], { timeoutMs: 20_000 });
    const tail = `${logs.stdout}\n${logs.stderr}`
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('[GIN-debug]'))
      .slice(-25)
      .join('\n');
    throw new ProvisionError('models-image', `model import failed: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'read the Ollama log tail below; delete the model files cache (models/files) if a file is damaged',
      logTail: tail,
      cause: error,
    });
  } finally {
    await runCommand(dockerCli(), ['rm', '-f', name], { timeoutMs: 60_000 });
  }
  progress(`models image ${tag} ready`);
  const removed = await removeOtherTags(MODELS_REPOSITORY, tag);
  if (removed.length > 0) progress(`removed unused older models image(s): ${removed.join(', ')}`);
  return tag;
}
