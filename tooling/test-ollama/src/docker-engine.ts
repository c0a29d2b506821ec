import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { samusCacheDir } from './cache-dir.js';
import { findExecutable } from './find-executable.js';
import { progress } from './progress.js';
import { ProvisionError } from './provision-error.js';
import { runCommand } from './run-command.js';

/**
 * dockerd flags used when we start the engine ourselves. `--bridge=none` and `--iptables=false`:
 * containers run with host networking on loopback only, so no docker0 bridge, no private-range
 * addresses and no firewall rules are created. Storage: dockerd's own choice (overlay2 on ext4).
 * Override with `SAMUS_DOCKERD_FLAGS` (space-separated).
 */
export const DEFAULT_DOCKERD_FLAGS = ['--bridge=none', '--iptables=false', '--ip6tables=false'] as const;

const INFO_TIMEOUT_MS = 20_000;
const START_TIMEOUT_MS = 90_000;
const APT_TIMEOUT_MS = 10 * 60_000;

/** Where our dockerd writes its pid and log. */
export function dockerEnginePaths(env: NodeJS.ProcessEnv = process.env): { dir: string; pidFile: string; logFile: string } {
  const dir = join(samusCacheDir(env), 'docker');
  return { dir, pidFile: join(dir, 'dockerd.pid'), logFile: join(dir, 'dockerd.log') };
}

/** The docker CLI to use. */
export function dockerCli(): string {
  return findExecutable('docker') ?? 'docker';
}

/** Runs `docker info`: the engine's server version, or why it failed. */
export async function probeDockerEngine(env: NodeJS.ProcessEnv = process.env): Promise<{ version: string } | { error: string }> {
  const cli = findExecutable('docker', env);
  if (!cli) return { error: 'the docker CLI is not installed' };
  const result = await runCommand(cli, ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: INFO_TIMEOUT_MS, env });
  const version = result.stdout.trim();
  if (result.code === 0 && version && !version.includes('<no value>')) return { version };
  return { error: (result.stderr.trim() || result.stdout.trim() || `docker info exited with ${result.code}`).split('\n').slice(-3).join(' ') };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function isDebian(): boolean {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function logTail(file: string, lines = 25): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return undefined;
  }
}

async function aptInstall(packages: readonly string[], step: 'docker-engine' | 'registry'): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  progress(`installing Debian package(s) ${packages.join(' ')} with apt-get`);
  let result = await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { timeoutMs: APT_TIMEOUT_MS, env });
  if (result.code !== 0) {
    progress('apt-get install failed; running apt-get update and trying again');
    await runCommand('apt-get', ['update'], { timeoutMs: APT_TIMEOUT_MS, env });
    result = await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { timeoutMs: APT_TIMEOUT_MS, env });
  }
  if (result.code !== 0) {
    throw new ProvisionError(step, `apt-get install ${packages.join(' ')} failed (exit ${result.code})`, {
      hint: `install the Debian package(s) ${packages.join(' ')} by hand and run again`,
      logTail: result.tail,
    });
  }
}

/** Installs a Debian package when its executable is missing (root on Debian only). */
export async function ensureDebianExecutable(executable: string, debianPackage: string, step: 'docker-engine' | 'registry'): Promise<string> {
  const found = findExecutable(executable);
  if (found) return found;
  if (!isRoot() || !isDebian()) {
    throw new ProvisionError(step, `${executable} is not installed`, {
      hint: `install ${debianPackage} (Debian/Ubuntu: sudo apt-get install ${debianPackage})`,
      engineUnavailable: step === 'docker-engine',
    });
  }
  await aptInstall([debianPackage], step);
  const installed = findExecutable(executable);
  if (!installed) throw new ProvisionError(step, `${debianPackage} was installed but ${executable} is still missing`, { hint: `check the ${debianPackage} package` });
  return installed;
}

async function waitForEngine(deadline: number, logFile: string, pid: number | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  let last = 'not probed';
  while (Date.now() < deadline) {
    const probe = await probeDockerEngine(env);
    if ('version' in probe) return probe.version;
    last = probe.error;
    if (pid !== undefined && !processAlive(pid)) {
      throw new ProvisionError('docker-engine', `dockerd (pid ${pid}) exited during start-up`, {
        hint: 'read the dockerd log; set SAMUS_DOCKERD_FLAGS to adjust the daemon flags (e.g. --storage-driver=vfs)',
        logFile,
        logTail: logTail(logFile),
      });
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new ProvisionError('docker-engine', `the Docker engine did not answer within ${START_TIMEOUT_MS / 1000}s (${last})`, {
    hint: 'read the dockerd log; set SAMUS_DOCKERD_FLAGS to adjust the daemon flags',
    logFile,
    logTail: logTail(logFile),
  });
}

/**
 * Makes `docker info` work. If it already does, nothing happens. Otherwise, when running as root
 * on Debian, installs Debian's `docker.io` if needed and starts `dockerd` in the background
 * (pid and log under `<cache>/docker/`); waits (bounded) until the engine answers. Anywhere
 * else it throws a {@link ProvisionError} with `engineUnavailable: true` naming what to install.
 * Idempotent: a dockerd we started earlier is reused.
 * @param env environment to read (`DOCKER_HOST`, `SAMUS_DOCKERD_FLAGS`, `SAMUS_CACHE_DIR`, `PATH`)
 * @returns the engine's server version
 */
export async function ensureDockerEngine(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const first = await probeDockerEngine(env);
  if ('version' in first) return first.version;
  if (env.DOCKER_HOST) {
    throw new ProvisionError('docker-engine', `DOCKER_HOST=${env.DOCKER_HOST} does not answer: ${first.error}`, {
      hint: 'start that Docker engine, or unset DOCKER_HOST to use the local one',
      engineUnavailable: true,
    });
  }
  if (!isRoot() || !isDebian()) {
    throw new ProvisionError('docker-engine', `no Docker engine: ${first.error}`, {
      hint: 'install and start Docker (Debian/Ubuntu: sudo apt-get install docker.io), or run as root on Debian so the tooling can do it',
      engineUnavailable: true,
    });
  }
  const { dir, pidFile, logFile } = dockerEnginePaths(env);
  mkdirSync(dir, { recursive: true });
  const known = readPid(pidFile);
  if (known !== undefined && processAlive(known)) {
    progress(`dockerd (pid ${known}) is running; waiting for it to answer`);
    return waitForEngine(Date.now() + START_TIMEOUT_MS, logFile, known, env);
  }
  await ensureDebianExecutable('docker', 'docker.io', 'docker-engine');
  const dockerd = await ensureDebianExecutable('dockerd', 'docker.io', 'docker-engine');
  const flags = env.SAMUS_DOCKERD_FLAGS?.split(/\s+/).filter(Boolean) ?? [...DEFAULT_DOCKERD_FLAGS];
  progress(`starting ${dockerd} ${flags.join(' ')} (log: ${logFile})`);
  const fd = openSync(logFile, 'a');
  const child = spawn(dockerd, [...flags, '--pidfile', pidFile], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.on('error', (error) => progress(`dockerd could not start: ${error.message}`));
  child.unref();
  const version = await waitForEngine(Date.now() + START_TIMEOUT_MS, logFile, child.pid, env);
  progress(`Docker engine ${version} is up (dockerd pid ${child.pid})`);
  return version;
}
