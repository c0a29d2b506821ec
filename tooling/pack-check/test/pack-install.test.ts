// Test layer 5 of DESIGN.md: every public package is packed as it would be published, its tarball is linted
// (publint, are-the-types-wrong with the ESM-only profile), and the tarballs are installed with plain npm into a
// fresh consumer project that imports them and uses them against a mock LM Studio on loopback.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const packagesDir = join(root, 'packages');
const publicPackages = readdirSync(packagesDir)
  .map((name) => ({ dir: join(packagesDir, name), manifest: JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as { name: string; private?: boolean } }))
  .filter((entry) => !entry.manifest.private);

let workDir: string;
let tarballs: Map<string, string>;
let consumerDir: string;
let mock: MockLMStudio;

function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

/** Like {@link run}, but keeps the event loop free: the mock server in this process must answer the child. */
async function runAsync(command: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  const { stdout } = await promisify(execFile)(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return stdout;
}

beforeAll(async () => {
  if (publicPackages.some((entry) => !existsSync(join(entry.dir, 'dist', 'index.mjs')))) {
    run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], root, 600_000);
  }
  workDir = mkdtempSync(join(tmpdir(), 'samus-pack-'));
  tarballs = new Map();
  for (const entry of publicPackages) {
    // pnpm pack rewrites workspace: and catalog: ranges into real ones, as `pnpm publish` would.
    const output = run('pnpm', ['pack', '--pack-destination', workDir], entry.dir).trim().split('\n');
    const tarball = output.reverse().find((line) => line.endsWith('.tgz'))!;
    tarballs.set(entry.manifest.name, resolve(workDir, tarball.trim()));
  }
  consumerDir = join(workDir, 'consumer');
  const dependencies = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  execFileSync('mkdir', ['-p', consumerDir]);
  // `overrides` pins each inter-package range (e.g. "@samus/kernel": "^0.1.0") to the local tarball, since
  // nothing is published yet.
  writeFileSync(join(consumerDir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies, overrides: dependencies }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], consumerDir, 600_000);
  mock = await startMockLMStudio({ port: 0 });
}, 900_000);

afterAll(async () => {
  await mock?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('packed packages', () => {
  it('packs every public package with dist, README and no workspace:/catalog: ranges left', () => {
    expect([...tarballs.keys()].sort()).toEqual(publicPackages.map((entry) => entry.manifest.name).sort());
    for (const [name] of tarballs) {
      const installed = join(consumerDir, 'node_modules', ...name.split('/'));
      const manifest = readFileSync(join(installed, 'package.json'), 'utf8');
      expect(manifest, name).not.toMatch(/"(workspace|catalog):/);
      expect(existsSync(join(installed, 'README.md')), `${name} README`).toBe(true);
      expect(existsSync(join(installed, 'dist', 'index.mjs')), `${name} dist`).toBe(true);
      expect(existsSync(join(installed, 'src')), `${name} ships no sources`).toBe(false);
    }
  });

  it('passes publint (strict) for every package', async () => {
    for (const entry of publicPackages) {
      const { messages } = await publint({ pkgDir: entry.dir, strict: true, pack: 'pnpm' });
      const serious = messages.filter((message) => message.type !== 'suggestion');
      expect(serious.map((message) => `${message.code} ${JSON.stringify(message.args)}`), entry.manifest.name).toEqual([]);
    }
  });

  it('has correct types for ESM consumers (are-the-types-wrong, esm-only profile)', async () => {
    for (const [name, file] of tarballs) {
      const pkg = createPackageFromTarballData(new Uint8Array(readFileSync(file)));
      const result = await checkPackage(pkg);
      expect(result.types, name).not.toBe(false);
      const problems = 'problems' in result ? result.problems : [];
      // ESM-only by design: CommonJS resolution modes (node10, node16 from CJS) are expected to fail.
      const relevant = problems.filter((problem) => !('resolutionKind' in problem) || !['node10', 'node16-cjs'].includes(problem.resolutionKind));
      expect(relevant.map((problem) => `${problem.kind} ${'entrypoint' in problem ? problem.entrypoint : ''}`), name).toEqual([]);
    }
  });
});

describe('installed with plain npm into a fresh project', () => {
  it('imports every package, registers the plugins and generates through them', async () => {
    const script = `
      import { createKernel, SamusError } from '@samus/kernel';
      import { openaiPlugin } from '@samus/provider-core';
      import { ollamaPlugin } from '@samus/provider-ollama';
      import { lmStudioPlugin } from '@samus/provider-lmstudio';
      import * as discovery from '@samus/discovery';
      import * as cli from '@samus/cli';
      const url = process.argv[2];
      const kernel = createKernel({ env: { LM_STUDIO_BASE_URL: url, OPENAI_BASE_URL: url + '/v1', OPENAI_MODEL: 'qwen2.5-7b-instruct', OLLAMA_HOST: '127.0.0.1:9' } })
        .register(openaiPlugin).register(ollamaPlugin).register(lmStudioPlugin);
      const out = { discoveryExports: Object.keys(discovery).length, cliExports: Object.keys(cli).length };
      const lm = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('lm-studio', { model: 'qwen2.5-7b-instruct' }));
      out.lmText = (await lm.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Say hello.', config: { temperature: 0, seed: 1 } })).text;
      out.lmStreamed = '';
      for await (const chunk of await lm.generateContentStream({ model: 'qwen2.5-7b-instruct', contents: 'Say hello.', config: { temperature: 0, seed: 1 } })) out.lmStreamed += chunk.text ?? '';
      const openai = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('openai'));
      out.openaiText = (await openai.generateContent({ model: 'qwen2.5-7b-instruct', contents: 'Say hello.' })).text;
      const ollama = await kernel.createContentGenerator(kernel.createContentGeneratorConfig('ollama', { model: 'gemma3:270m', maxRetries: 0 }));
      try { await ollama.generateContent({ model: 'gemma3:270m', contents: 'hi' }); out.ollama = 'no error'; }
      catch (error) { out.ollama = SamusError.is(error) ? error.code : String(error); }
      console.log(JSON.stringify(out));
    `;
    writeFileSync(join(consumerDir, 'use.mjs'), script);
    const result = JSON.parse(await runAsync(process.execPath, ['use.mjs', mock.url], consumerDir, 120_000)) as Record<string, unknown>;
    expect(result.discoveryExports).toBeGreaterThan(0);
    expect(result.cliExports).toBeGreaterThan(0);
    expect(result.lmText).toEqual(expect.any(String));
    expect((result.lmText as string).length).toBeGreaterThan(0);
    expect(result.lmStreamed).toBe(result.lmText);
    expect((result.openaiText as string).length).toBeGreaterThan(0);
    expect(result.ollama).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
  });

  it("runs @samus/gemini-cli's README example as printed (against the mock LM Studio)", async () => {
    const readme = readFileSync(join(packagesDir, 'gemini-cli', 'README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the README has a ```js example').toBeDefined();
    writeFileSync(join(consumerDir, 'example.mjs'), example!);
    const { stdout } = await promisify(execFile)(process.execPath, ['example.mjs'], {
      cwd: consumerDir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', SAMUS_AUTH_TYPE: 'lm-studio', LM_STUDIO_BASE_URL: mock.url, LM_STUDIO_MODEL: 'qwen2.5-7b-instruct' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]!.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^lm-studio answered with qwen2\.5-7b-instruct; context window: \d+$/);
  });

  it('installs the samus command, which finds the mock LM Studio', async () => {
    const output = await runAsync(join(consumerDir, 'node_modules', '.bin', 'samus'), ['discover', '--json', '--ports', 'none', '--host', mock.url], consumerDir, 60_000);
    const report = JSON.parse(output) as unknown;
    expect(JSON.stringify(report)).toContain('lm-studio');
    expect(JSON.stringify(report)).toContain('qwen2.5-7b-instruct');
  });
});
