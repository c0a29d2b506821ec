// Test layer 5 of DESIGN.md: every public package is packed as it would be published, its tarball is linted
// (publint, are-the-types-wrong with the ESM-only profile), and the tarballs are installed with plain npm into a
// fresh consumer project that imports them and uses them against a mock LM Studio on loopback.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { startMockLMStudio, type MockLMStudio } from '@samus/mock-lmstudio';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../../../packages/cli/src/testing-fake-ollama.js';
import { startFakeLlamaServer } from '../../../packages/provider-llamacpp/src/testing/fake-llama-server.js';

const root = resolve(import.meta.dirname, '../../..');
const packagesDir = join(root, 'packages');
const publicPackages = readdirSync(packagesDir)
  .map((name) => ({ dir: join(packagesDir, name), manifest: JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as { name: string; private?: boolean } }))
  .filter((entry) => !entry.manifest.private);

let workDir: string;
let tarballs: Map<string, string>;
let consumerDir: string;
let mock: MockLMStudio;
let ollama: FakeOllama;
/** sha256 of every public package.json before packing, to prove the prepack/postpack step puts it back. */
const manifestsBefore = new Map<string, string>();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** The one repository every package names (a placeholder until the project has a public home). */
const REPOSITORY = 'https://git.example.com/samus/samus';

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
  for (const entry of publicPackages) manifestsBefore.set(entry.manifest.name, sha256(join(entry.dir, 'package.json')));
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
  ollama = await startFakeOllama([{ name: 'gemma3:270m', contextLength: 32_768 }]);
}, 900_000);

afterAll(async () => {
  await mock?.close();
  await ollama?.close();
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

/** The installed copy of a package in the consumer project. */
const installedDir = (name: string) => join(consumerDir, 'node_modules', ...name.split('/'));
const installedManifest = (name: string) => JSON.parse(readFileSync(join(installedDir(name), 'package.json'), 'utf8')) as Record<string, unknown>;

/** Every file an `exports` map points at. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

function withoutSourceCondition(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '@samus/source').map(([key, inner]) => [key, withoutSourceCondition(inner)]));
}

describe('what the tarballs publish', () => {
  it('every tarball has the Apache-2.0 LICENSE, the same repository with its directory, homepage, bugs, keywords and engines', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
    for (const entry of publicPackages) {
      const name = entry.manifest.name;
      const manifest = installedManifest(name);
      const dir = `packages/${entry.dir.split('/').at(-1)}`;
      expect(readFileSync(join(installedDir(name), 'LICENSE'), 'utf8'), `${name} LICENSE`).toBe(license);
      expect(manifest.license, name).toBe('Apache-2.0');
      expect(manifest.repository, name).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: dir });
      expect(manifest.homepage, name).toBe(`${REPOSITORY}/tree/main/${dir}#readme`);
      expect(manifest.bugs, name).toEqual({ url: `${REPOSITORY}/issues` });
      expect((manifest.keywords as string[] | undefined)?.length ?? 0, `${name} keywords`).toBeGreaterThanOrEqual(4);
      expect(manifest.engines, name).toEqual({ node: '>=22' });
    }
  });

  it('published exports point only at shipped files (no @samus/source condition) and name no devDependencies', () => {
    for (const entry of publicPackages) {
      const name = entry.manifest.name;
      const manifest = installedManifest(name);
      expect(JSON.stringify(manifest.exports), name).not.toContain('@samus/source');
      expect(JSON.stringify(manifest), name).not.toContain('/src/');
      for (const target of exportTargets(manifest.exports)) expect(existsSync(join(installedDir(name), target)), `${name} → ${target}`).toBe(true);
      expect(manifest.devDependencies, `${name} devDependencies`).toBeUndefined();
      // The same entry points as in the workspace, which keeps the source condition for vitest and tsc.
      const workspace = JSON.parse(readFileSync(join(entry.dir, 'package.json'), 'utf8')) as { exports: unknown };
      expect(manifest.exports, `${name} exports`).toEqual(withoutSourceCondition(workspace.exports));
      expect(JSON.stringify(workspace.exports), `${name} workspace exports`).toContain('@samus/source');
    }
  });

  it('packing left every package.json as it was (the devDependencies come back after the pack)', () => {
    for (const entry of publicPackages) {
      expect(sha256(join(entry.dir, 'package.json')), entry.manifest.name).toBe(manifestsBefore.get(entry.manifest.name));
      expect(existsSync(join(entry.dir, '.pack-manifest-fields.json')), entry.manifest.name).toBe(false);
    }
  });

  it('README links work from the tarball: every relative link names a file inside the package', () => {
    for (const entry of publicPackages) {
      const dir = installedDir(entry.manifest.name);
      if (!existsSync(join(dir, 'README.md'))) continue; // a missing README fails the first test
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!) || target!.startsWith('#')) continue;
        const file = target!.split('#')[0]!;
        expect(existsSync(resolve(dir, file)), `${entry.manifest.name} README links ${target}`).toBe(true);
        expect(resolve(dir, file).startsWith(dir), `${entry.manifest.name} README links outside the package: ${target}`).toBe(true);
      }
    }
  });
});

/** The first ```ts / ```js block of a package README, as printed. */
function readmeExample(packageDir: string): string {
  const readme = readFileSync(join(packagesDir, packageDir, 'README.md'), 'utf8');
  const example = /```(?:ts|js)\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error(`${packageDir}/README.md has no ts/js example`);
  return example;
}

/** Runs a README example in the consumer project (Node 24 strips the TypeScript types of a `.mts` file). */
async function runExample(packageDir: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const file = join(consumerDir, `readme-${packageDir}.mts`);
  writeFileSync(file, readmeExample(packageDir));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], {
    cwd: dirname(file),
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
  });
  return { stdout, stderr };
}

describe('package README examples, run as printed from the installed tarballs', () => {
  it('@samus/provider-lmstudio streams an answer from the mock LM Studio', async () => {
    const { stdout, stderr } = await runExample('provider-lmstudio', { LM_STUDIO_BASE_URL: mock.url });
    expect(stdout.trim().length).toBeGreaterThan(0);
    expect(stderr).toMatch(/^\d+\.\d tokens\/s$/m);
    expect(stderr).not.toContain('undefined');
  });

  it('@samus/discovery finds the (fake) Ollama and the mock LM Studio named in the environment, and nothing else', async () => {
    const { stdout } = await runExample('discovery', { OLLAMA_HOST: ollama.url, LM_STUDIO_BASE_URL: mock.url });
    const kinds = stdout.trim().split('\n').map((line) => line.split(' ').slice(0, 2).join(' '));
    expect(kinds).toContain(`ollama ${ollama.url}`);
    expect(kinds).toContain(`lm-studio ${mock.url}`);
  });

  it('@samus/provider-llamacpp counts tokens on the server and answers (a recorded llama-server)', async () => {
    const llama = await startFakeLlamaServer({
      'GET /v1/models': { body: { object: 'list', data: [{ id: 'smollm2-135m-instruct', object: 'model', owned_by: 'llamacpp', meta: { n_ctx_train: 8192 } }] } },
      'POST /apply-template': { body: { prompt: '<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n' } },
      'POST /tokenize': { body: { tokens: [1, 2, 3, 4, 5, 6, 7] } },
      'POST /v1/chat/completions': { body: { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello there.' } }], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } } },
    });
    try {
      const { stdout } = await runExample('provider-llamacpp', { LLAMA_CPP_BASE_URL: llama.url });
      expect(stdout.trim()).toBe('7 Hello there.');
      expect(llama.requests.map((request) => `${request.method} ${request.path}`)).toContain('POST /tokenize');
    } finally {
      await llama.close();
    }
  });

  it('@samus/provider-ollama checks health, streams an answer and lists the models of a (fake) Ollama', async () => {
    const { stdout } = await runExample('provider-ollama', { OLLAMA_HOST: ollama.url });
    expect(stdout).toContain('Hi from Ollama.');
    expect(stdout).toContain("id: 'gemma3:270m'");
  });

  it('@samus/cli runs `samus models --json` programmatically against the servers in the environment', async () => {
    const { stdout } = await runExample('cli', { OLLAMA_HOST: ollama.url, LM_STUDIO_BASE_URL: mock.url });
    const result = JSON.parse(stdout) as { ok: boolean; models: { id: string }[] };
    expect(result.ok).toBe(true);
    expect(result.models.map((model) => model.id)).toEqual(expect.arrayContaining(['gemma3:270m', 'qwen2.5-7b-instruct']));
  });

  it('@samus/kernel streams from Ollama; @samus/provider-core reports a server that is not there as a coded error with a hint', async () => {
    const kernel = await runExample('kernel', { OLLAMA_HOST: ollama.url });
    expect(kernel.stdout).toContain('Hi from Ollama.');
    const core = await runExample('provider-core', {});
    // Its example names http://localhost:8080, where nothing listens here: the example's own catch prints the error.
    expect(core.stdout).toBe('');
    expect(core.stderr).toMatch(/localhost:8080[\s\S]*\n {2}hint: /);
  });
});

describe('the samus command from the tarball', () => {
  it('prints its version, pipes tables without colour, reads a chat prompt from stdin', async () => {
    const bin = join(consumerDir, 'node_modules', '.bin', 'samus');
    const version = await runAsync(bin, ['--version'], consumerDir, 30_000);
    expect(version).toMatch(/^samus \d+\.\d+\.\d+\n$/);
    const { stdout: table } = await promisify(execFile)(bin, ['models', '--ports', 'none', '--host', mock.url], { cwd: consumerDir, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } });
    expect(table).toMatch(/^MODEL\s+KIND\s+LOADED\s+CONTEXT/);
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/\u001b\[/);
    const chat = await new Promise<string>((resolvePromise, reject) => {
      const child = execFile(bin, ['chat', '--ports', 'none', '--host', mock.url], { cwd: consumerDir, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '' } }, (error, stdout) =>
        error ? reject(error) : resolvePromise(stdout),
      );
      child.stdin?.end('Say hello.\n');
    });
    expect(chat.trim().length).toBeGreaterThan(0);
  });

  it('colours the table under a pseudo-terminal (util-linux `script`), and not with NO_COLOR', async () => {
    const bin = join(consumerDir, 'node_modules', '.bin', 'samus');
    const onTerminal = (env: Record<string, string>) =>
      promisify(execFile)('script', ['-q', '-e', '-c', `'${bin}' models --ports none --host ${mock.url}`, '/dev/null'], {
        cwd: consumerDir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
      });
    const coloured = await onTerminal({});
    expect(coloured.stdout).toContain('qwen2.5-7b-instruct');
    // eslint-disable-next-line no-control-regex
    expect(coloured.stdout).toMatch(/\u001b\[1mMODEL/);
    const plain = await onTerminal({ NO_COLOR: '1' });
    // eslint-disable-next-line no-control-regex
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });
});
