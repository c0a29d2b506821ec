import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFailure, findExecutable, heartbeat, progress, ProvisionError, runCommand, samusCacheDir, withFileLock } from '@samus/test-ollama';

/** The `llama-cpp-python` release whose sdist vendors the llama.cpp tree we build (`vendor/llama.cpp`). */
export const LLAMA_CPP_PYTHON_VERSION = '0.3.36';

/** sha256 of `llama_cpp_python-0.3.36.tar.gz` as PyPI serves it (checked after every download). */
export const LLAMA_CPP_PYTHON_SDIST_SHA256 = '832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e';

/**
 * CMake flags of the build: release, one static binary (no shared libs to carry around), no web UI, no curl (no
 * model downloads), no OpenSSL, no tests or examples. `GGML_NATIVE` (the default) compiles for this CPU, so the
 * cache key includes the CPU's feature flags.
 */
export const LLAMA_SERVER_CMAKE_FLAGS: readonly string[] = [
  '-DCMAKE_BUILD_TYPE=Release',
  '-DBUILD_SHARED_LIBS=OFF',
  '-DLLAMA_BUILD_UI=OFF',
  '-DLLAMA_USE_PREBUILT_UI=OFF',
  '-DLLAMA_CURL=OFF',
  '-DLLAMA_OPENSSL=OFF',
  '-DLLAMA_BUILD_TESTS=OFF',
  '-DLLAMA_BUILD_EXAMPLES=OFF',
];

const PIP_TIMEOUT_MS = 10 * 60_000;
const EXTRACT_TIMEOUT_MS = 5 * 60_000;
const APT_TIMEOUT_MS = 10 * 60_000;
const CONFIGURE_TIMEOUT_MS = 10 * 60_000;
const BUILD_TIMEOUT_MS = 60 * 60_000;
const LOCK_TIMEOUT_MS = 75 * 60_000;

/** A short hash of the CPU feature flags (`GGML_NATIVE` builds for them). */
export function cpuKey(): string {
  let flags = process.arch;
  try {
    flags += /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/).sort().join(' ') ?? '';
  } catch {
    // no /proc: the arch alone
  }
  return createHash('sha256').update(flags).digest('hex').slice(0, 8);
}

/** Cache key of the binary: version, flags and CPU. */
export function llamaServerBuildKey(): string {
  const flags = createHash('sha256').update(LLAMA_SERVER_CMAKE_FLAGS.join(' ')).digest('hex').slice(0, 8);
  return `${LLAMA_CPP_PYTHON_VERSION}-${flags}-cpu${cpuKey()}`;
}

/** Cache paths of the llama-server build (under `<samus cache>/llama-cpp`). */
export function llamaServerPaths(env: NodeJS.ProcessEnv = process.env): {
  root: string;
  sdistDir: string;
  dir: string;
  binary: string;
  buildDir: string;
  sourceDir: string;
  logFile: string;
  lock: string;
} {
  const root = join(samusCacheDir(env), 'llama-cpp');
  const dir = join(root, llamaServerBuildKey());
  return {
    root,
    sdistDir: join(root, 'sdist'),
    dir,
    binary: join(dir, 'llama-server'),
    buildDir: join(dir, 'build'),
    sourceDir: join(dir, 'src'),
    logFile: join(dir, 'build.log'),
    lock: join(root, `build-${llamaServerBuildKey()}.lock`),
  };
}

function fileTail(file: string, lines = 40): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return undefined;
  }
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function sdistFile(dir: string): string | undefined {
  const name = `llama_cpp_python-${LLAMA_CPP_PYTHON_VERSION}.tar.gz`;
  return existsSync(dir) && readdirSync(dir).includes(name) ? join(dir, name) : undefined;
}

/** Installs cmake/g++/make with apt when missing (root on Debian only); otherwise names what to install. */
async function ensureBuildTools(env: NodeJS.ProcessEnv, logFile: string): Promise<{ cmake: string }> {
  const missing = ['cmake', 'g++', 'make'].filter((tool) => !findExecutable(tool, env));
  if (missing.length > 0) {
    const apt = findExecutable('apt-get', env);
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!apt || !root) {
      throw new ProvisionError('build-tools', `${missing.join(', ')} missing: llama-server is built from source`, {
        hint: 'install cmake, g++ and make (Debian: apt-get install cmake g++ make)',
      });
    }
    progress(`apt-get install ${missing.join(' ')} (to build llama-server)`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = await runCommand(apt, ['update'], { timeoutMs: APT_TIMEOUT_MS, env: aptEnv, logFile });
    const packages = missing.map((tool) => (tool === 'g++' ? 'g++' : tool));
    const install = update.code === 0 ? await runCommand(apt, ['install', '-y', '--no-install-recommends', ...packages], { timeoutMs: APT_TIMEOUT_MS, env: aptEnv, logFile }) : update;
    if (install.code !== 0) {
      throw new ProvisionError('build-tools', `apt-get could not install ${packages.join(' ')}: ${describeFailure('apt-get', install, APT_TIMEOUT_MS)}`, {
        hint: 'install cmake, g++ and make by hand',
        logFile,
        logTail: install.tail,
      });
    }
  }
  return { cmake: findExecutable('cmake', env)! };
}

/** Downloads the pinned sdist with pip (no wheels: `--no-binary :all:`) and checks its sha256. */
async function ensureSdist(sdistDir: string, env: NodeJS.ProcessEnv, logFile: string): Promise<string> {
  const cached = sdistFile(sdistDir);
  if (cached && (await sha256File(cached)) === LLAMA_CPP_PYTHON_SDIST_SHA256) return cached;
  if (cached) rmSync(cached, { force: true });
  const py = findExecutable('python3', env) ?? findExecutable('python', env);
  if (!py) {
    throw new ProvisionError('llama-server-source', 'python3 is not installed; the llama.cpp sources come from the llama-cpp-python sdist on PyPI', {
      hint: 'install python3 and pip (Debian: apt-get install python3-pip)',
    });
  }
  mkdirSync(sdistDir, { recursive: true });
  const spec = `llama-cpp-python==${LLAMA_CPP_PYTHON_VERSION}`;
  progress(`pip download --no-binary :all: ${spec}`);
  const stop = heartbeat(`downloading ${spec}`);
  const result = await runCommand(
    py,
    ['-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:', '--disable-pip-version-check', '--progress-bar', 'off', '-d', sdistDir, spec],
    { timeoutMs: PIP_TIMEOUT_MS, env, logFile },
  ).finally(stop);
  const file = sdistFile(sdistDir);
  if (result.code !== 0 || !file) {
    throw new ProvisionError('llama-server-source', `pip download ${spec} failed: ${describeFailure('pip download', result, PIP_TIMEOUT_MS)}`, {
      hint: 'check that PyPI is reachable for pip (pip config, proxy) and that python3 -m pip works',
      logFile,
      logTail: result.tail,
    });
  }
  const digest = await sha256File(file);
  if (digest !== LLAMA_CPP_PYTHON_SDIST_SHA256) {
    rmSync(file, { force: true });
    throw new ProvisionError('llama-server-source', `sha256 mismatch for ${file}: got ${digest}, want ${LLAMA_CPP_PYTHON_SDIST_SHA256}`, {
      hint: 'the index served another file for the pinned version; check the pip index configuration',
    });
  }
  return file;
}

let memo: Promise<string> | undefined;

/**
 * Returns the cached `llama-server` binary, building it first when missing: the pinned `llama-cpp-python` sdist
 * from PyPI (sha256-checked), its `vendor/llama.cpp` tree extracted, CMake with {@link LLAMA_SERVER_CMAKE_FLAGS},
 * target `llama-server` (about 7–15 min on 2 cores), copied to `<cache>/llama-cpp/<key>/llama-server`. cmake, g++
 * and make are installed with apt when missing (root on Debian). Idempotent, memoised, file-locked across processes;
 * every step is time-bounded and a failure carries the build log's tail.
 */
export function ensureLlamaServerBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  memo ??= build(env).catch((error: unknown) => {
    memo = undefined;
    throw error;
  });
  return memo;
}

async function build(env: NodeJS.ProcessEnv): Promise<string> {
  const paths = llamaServerPaths(env);
  if (existsSync(paths.binary)) return paths.binary;
  mkdirSync(paths.root, { recursive: true });
  return withFileLock(paths.lock, LOCK_TIMEOUT_MS, async () => {
    if (existsSync(paths.binary)) return paths.binary;
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.logFile, '');
    const started = Date.now();
    const { cmake } = await ensureBuildTools(env, paths.logFile);
    const sdist = await ensureSdist(paths.sdistDir, env, paths.logFile);
    const top = `llama_cpp_python-${LLAMA_CPP_PYTHON_VERSION}`;
    rmSync(paths.sourceDir, { recursive: true, force: true });
    mkdirSync(paths.sourceDir, { recursive: true });
    const extract = await runCommand('tar', ['xzf', sdist, '-C', paths.sourceDir, `${top}/vendor/llama.cpp`], { timeoutMs: EXTRACT_TIMEOUT_MS, env, logFile: paths.logFile });
    const tree = join(paths.sourceDir, top, 'vendor', 'llama.cpp');
    if (extract.code !== 0 || !existsSync(join(tree, 'tools', 'server'))) {
      throw new ProvisionError('llama-server-source', `extracting vendor/llama.cpp from ${sdist} failed: ${describeFailure('tar', extract, EXTRACT_TIMEOUT_MS)}`, {
        hint: `delete ${sdist} and run again`,
        logFile: paths.logFile,
        logTail: extract.tail,
      });
    }
    progress(`building llama-server from llama-cpp-python ${LLAMA_CPP_PYTHON_VERSION} (CMake, 2 jobs; ~7-15 min on 2 cores); log: ${paths.logFile}`);
    const configure = await runCommand(cmake, ['-S', tree, '-B', paths.buildDir, ...LLAMA_SERVER_CMAKE_FLAGS], { timeoutMs: CONFIGURE_TIMEOUT_MS, env, logFile: paths.logFile });
    if (configure.code !== 0) {
      throw new ProvisionError('llama-server-build', `cmake configure failed: ${describeFailure('cmake', configure, CONFIGURE_TIMEOUT_MS)}`, {
        hint: 'read the build log; cmake >= 3.14 and a C++17 compiler are needed',
        logFile: paths.logFile,
        logTail: fileTail(paths.logFile),
      });
    }
    const stop = heartbeat('building llama-server', 60_000);
    let lastPercent = '';
    const compile = await runCommand(cmake, ['--build', paths.buildDir, '--target', 'llama-server', '-j', '2'], {
      timeoutMs: BUILD_TIMEOUT_MS,
      env,
      logFile: paths.logFile,
      onLine: (line) => {
        const percent = /^\[\s*(\d+)%\]/.exec(line)?.[1];
        if (percent !== undefined && Number(percent) >= Number(lastPercent || '0') + 20) {
          lastPercent = percent;
          progress(`llama-server build: ${percent}%`);
        }
      },
    }).finally(stop);
    const built = join(paths.buildDir, 'bin', 'llama-server');
    if (compile.code !== 0 || !existsSync(built)) {
      throw new ProvisionError('llama-server-build', `cmake --build (target llama-server) failed: ${describeFailure('cmake --build', compile, BUILD_TIMEOUT_MS)}`, {
        hint: 'read the build log (compiler errors, out of memory, disk full)',
        logFile: paths.logFile,
        logTail: fileTail(paths.logFile),
      });
    }
    const partial = `${paths.binary}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, paths.binary);
    rmSync(paths.buildDir, { recursive: true, force: true });
    rmSync(paths.sourceDir, { recursive: true, force: true });
    progress(`llama-server built in ${Math.round((Date.now() - started) / 1000)}s: ${paths.binary}`);
    return paths.binary;
  });
}
