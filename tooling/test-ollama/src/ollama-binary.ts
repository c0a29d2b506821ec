import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samusCacheDir } from './cache-dir.js';
import { findExecutable } from './find-executable.js';
import { OLLAMA_VERSION } from './model-names.js';
import { heartbeat, progress } from './progress.js';
import { ProvisionError } from './provision-error.js';
import { describeFailure, runCommand } from './run-command.js';

const MODULE = 'github.com/ollama/ollama';
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;
const BUILD_TIMEOUT_MS = 60 * 60_000;
const V3_FLAGS = ['avx2', 'fma', 'bmi2', 'f16c', 'movbe'];

/** The CPU level the cgo code is compiled for: `x86-64-v3` when the CPU has AVX2 & co, else `default`. */
export function cpuLevel(): 'x86-64-v3' | 'default' {
  if (process.arch !== 'x64') return 'default';
  try {
    const flags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/) ?? []);
    return V3_FLAGS.every((f) => flags.has(f)) ? 'x86-64-v3' : 'default';
  } catch {
    return 'default';
  }
}

/** Cache paths of the Ollama binary for the pinned version and this CPU level. */
export function ollamaBinaryPaths(env: NodeJS.ProcessEnv = process.env): { dir: string; binary: string; partial: string; logFile: string; sourceDir: string } {
  const root = join(samusCacheDir(env), 'ollama');
  const dir = join(root, `v${OLLAMA_VERSION}-${cpuLevel()}`);
  return {
    dir,
    binary: join(dir, 'ollama'),
    partial: join(dir, 'ollama.partial'),
    logFile: join(dir, 'build.log'),
    sourceDir: join(root, `src-v${OLLAMA_VERSION}`),
  };
}

function fileTail(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return undefined;
  }
}

/**
 * Returns the cached Ollama binary, building it first when missing: `go mod download` of
 * `github.com/ollama/ollama@v0.11.4` from the Go module proxy, then a cgo `go build` (CPU only,
 * `-march=x86-64-v3` when the CPU has AVX2) into `ollama.partial`, renamed to `ollama` on success.
 * @param env environment for the cache location and the Go toolchain (PATH, GOPROXY, GOCACHE…)
 */
export async function ensureOllamaBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const paths = ollamaBinaryPaths(env);
  if (existsSync(paths.binary)) return paths.binary;
  const go = findExecutable('go', env);
  if (!go) {
    throw new ProvisionError('ollama-binary', 'Go is not installed, and the Ollama binary must be built from source here', {
      hint: 'install Go >= 1.24 (and gcc), or set SAMUS_OLLAMA_IMAGE to an Ollama image that is present locally',
    });
  }
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(paths.logFile, '');
  const level = cpuLevel();
  progress(`building Ollama v${OLLAMA_VERSION} from the Go module (cpu level ${level}); log: ${paths.logFile}`);

  if (!existsSync(join(paths.sourceDir, 'go.mod'))) {
    progress(`downloading Go module ${MODULE}@v${OLLAMA_VERSION}`);
    const download = await runCommand(go, ['mod', 'download', '-json', `${MODULE}@v${OLLAMA_VERSION}`], {
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      cwd: paths.dir,
      logFile: paths.logFile,
      env: { ...env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' },
    });
    let moduleDir: string | undefined;
    try {
      moduleDir = (JSON.parse(download.stdout) as { Dir?: string }).Dir;
    } catch {
      moduleDir = undefined;
    }
    if (download.code !== 0 || !moduleDir) {
      throw new ProvisionError('ollama-binary', `go mod download failed: ${describeFailure('go mod download', download, DOWNLOAD_TIMEOUT_MS)}`, {
        hint: 'check that the Go module proxy is reachable (GOPROXY) and Go is >= 1.24',
        logFile: paths.logFile,
        logTail: download.tail,
      });
    }
    const staging = `${paths.sourceDir}.partial`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(moduleDir, staging, { recursive: true });
    rmSync(paths.sourceDir, { recursive: true, force: true });
    renameSync(staging, paths.sourceDir);
  }

  const march = level === 'x86-64-v3' ? '-O3 -march=x86-64-v3' : '-O3';
  const args = [
    'build',
    '-trimpath',
    `-ldflags=-s -w -checklinkname=0 -X=github.com/ollama/ollama/version.Version=${OLLAMA_VERSION}`,
    '-o',
    paths.partial,
    '.',
  ];
  progress(`go build (cgo, ${march}); this takes several minutes on 2 cores`);
  const stop = heartbeat('building Ollama');
  const started = Date.now();
  const build = await runCommand(go, args, {
    timeoutMs: BUILD_TIMEOUT_MS,
    cwd: paths.sourceDir,
    logFile: paths.logFile,
    env: { ...env, CGO_ENABLED: '1', CGO_CFLAGS: march, CGO_CXXFLAGS: march },
    onLine: (line) => {
      if (line.startsWith('# ')) progress(`go build: ${line.slice(2)}`);
    },
  }).finally(stop);
  if (build.code !== 0 || !existsSync(paths.partial)) {
    rmSync(paths.partial, { force: true });
    throw new ProvisionError('ollama-binary', `go build failed: ${describeFailure('go build', build, BUILD_TIMEOUT_MS)}`, {
      hint: 'read the build log; gcc/g++ and Go >= 1.24 are needed (cgo)',
      logFile: paths.logFile,
      logTail: fileTail(paths.logFile),
    });
  }
  renameSync(paths.partial, paths.binary);
  progress(`built Ollama v${OLLAMA_VERSION} in ${Math.round((Date.now() - started) / 1000)}s: ${paths.binary}`);
  return paths.binary;
}
