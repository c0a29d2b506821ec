/**
 * The weight benchmark (not a test): what installing and importing a @samus package costs, measured against the
 * `ollama` client library (ollama-js) in the same run, and how long `samus --help` takes.
 *
 * 1. Every public package is packed (`pnpm pack`, as published) and installed with plain npm into a fresh project
 *    per measured package, production dependencies only; the size of `node_modules` is the install size.
 * 2. Import cost: a fresh `node` process per sample imports the package from that project (median of `--samples`);
 *    `ollama@<pinned>` is installed and measured the same way. Ratio = median provider / median ollama.
 * 3. `samus --help`: wall time of the installed CLI's bin (median), next to `node -e 0` (Node's own start).
 *
 * Run: `pnpm --filter @samus/bench weight` (builds first). Targets (issue "The kernel is the only seam"): one
 * provider installed alone ≤ 10 MB; import ≤ 1.5× `ollama`; `samus --help` ≤ 100 ms.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const OLLAMA_JS = 'ollama@0.6.4';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Every public package of `packages/` (the CLI depends on them all). */
const PACKAGES = readdirSync(join(root, 'packages')).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as { private?: boolean };
  return manifest.private !== true;
});
/** What is measured alone: the kernel and every provider. */
const MEASURED = PACKAGES.filter((name) => name === 'kernel' || name.startsWith('provider-')).map((name) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  return { name: `@samus/${name}`, import: `@samus/${name}`, plugin: manifest.exports?.['./plugin'] === undefined ? undefined : `@samus/${name}/plugin` };
});

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000, env: { ...process.env, NO_COLOR: '1' } });
}

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of readdirSync(path)) total += sizeOf(join(path, entry));
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function install(dir: string, dependencies: Record<string, string>, overrides: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'weight-consumer', private: true, type: 'module', dependencies, overrides }, null, 2));
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], dir);
}

function importMs(dir: string, specifier: string, samples: number): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`import ${specifier} failed: ${result.stderr}`);
    times.push(Number(result.stdout));
  }
  return median(times);
}

function wallMs(command: string, args: string[], cwd: string, samples: number): number {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

function main(): void {
  const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), options: { samples: { type: 'string', default: '9' }, keep: { type: 'boolean', default: false } } });
  const samples = Number(values.samples);
  const work = mkdtempSync(join(tmpdir(), 'samus-weight-'));
  try {
    const tarballs: Record<string, string> = {};
    for (const name of PACKAGES) {
      const output = run('pnpm', ['pack', '--pack-destination', work], join(root, 'packages', name)).trim().split('\n');
      const file = output.reverse().find((line) => line.trim().endsWith('.tgz'))!.trim();
      tarballs[`@samus/${name}`] = `file:${resolve(work, file)}`;
    }
    const rows: string[] = [];
    const ollamaDir = join(work, 'ollama-js');
    install(ollamaDir, { ollama: OLLAMA_JS.split('@')[1]! }, {});
    const ollamaImport = importMs(ollamaDir, 'ollama', samples);
    rows.push(`| \`${OLLAMA_JS}\` (reference) | ${mb(sizeOf(join(ollamaDir, 'node_modules')))} | ${ollamaImport.toFixed(1)} | 1.00× |`);
    for (const measured of MEASURED) {
      const dir = join(work, measured.name.replace('/', '-'));
      install(dir, { [measured.name]: tarballs[measured.name]! }, tarballs);
      const size = sizeOf(join(dir, 'node_modules'));
      const ms = importMs(dir, measured.import, samples);
      rows.push(`| \`${measured.name}\` alone | ${mb(size)} | ${ms.toFixed(1)} | ${(ms / ollamaImport).toFixed(2)}× |`);
      if (measured.plugin) {
        // What a host imports to register the provider: the plugin entry (the implementation loads on first use).
        const pluginMs = importMs(dir, measured.plugin, samples);
        rows.push(`| \`${measured.plugin}\` (the plugin a host registers) | — | ${pluginMs.toFixed(1)} | ${(pluginMs / ollamaImport).toFixed(2)}× |`);
      }
    }
    const cliDir = join(work, 'cli');
    install(cliDir, { '@samus/cli': tarballs['@samus/cli']! }, tarballs);
    const bin = join(cliDir, 'node_modules', '@samus', 'cli', 'bin', 'samus.mjs');
    const help = wallMs(process.execPath, [bin, '--help'], cliDir, samples);
    const nodeStart = wallMs(process.execPath, ['-e', '0'], cliDir, samples);
    console.log(`Node ${process.version}, ${samples} samples per figure (medians), ${new Date().toISOString()}\n`);
    console.log('| package | install size (MB, node_modules) | import (ms) | import vs ollama-js |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\n\`samus --help\` (installed bin, wall time): ${help.toFixed(0)} ms; \`node -e 0\` on the same machine: ${nodeStart.toFixed(0)} ms; CLI install ${mb(sizeOf(join(cliDir, 'node_modules')))} MB.`);
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main();
