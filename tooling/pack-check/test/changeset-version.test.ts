// The release setup: `changeset version` run on a copy of the workspace's manifests and pending changesets (the
// repository itself is not touched) must give the first release 0.1.0 — the packages sit at 0.0.0 until then, so a
// `minor` changeset yields 0.1.0, not 0.2.0 — and write each package's entries into its own CHANGELOG only.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const workspaceDirs = ['packages', 'tooling'].flatMap((parent) => readdirSync(join(root, parent)).map((name) => join(parent, name))).concat('contracts');
let copy: string;

const manifest = (dir: string) => JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean };

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'samus-changeset-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(root, file), join(copy, file));
  cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
  for (const dir of workspaceDirs) {
    if (!existsSync(join(root, dir, 'package.json'))) continue;
    mkdirSync(join(copy, dir), { recursive: true });
    cpSync(join(root, dir, 'package.json'), join(copy, dir, 'package.json'));
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=release-check@example.com', '-c', 'user.name=release-check', ...args], { cwd: copy, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'copy');
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy, stdio: 'pipe', timeout: 120_000 });
}, 180_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('changeset version (dry run on a copy)', () => {
  const published = () => readdirSync(join(copy, 'packages')).filter((name) => existsSync(join(copy, 'packages', name, 'package.json')) && !manifest(join('packages', name)).private);

  it('gives no package a first version above 0.1.0', () => {
    for (const name of published()) {
      const { version } = manifest(join('packages', name));
      const [major, minor] = version.split('.').map(Number);
      expect(major === 0 && minor! <= 1, `${name} ${version}`).toBe(true);
    }
  });

  it("writes every package's release entries into its own CHANGELOG only", () => {
    for (const name of published()) {
      const file = join(copy, 'packages', name, 'CHANGELOG.md');
      if (!existsSync(file)) continue;
      const changelog = readFileSync(file, 'utf8');
      expect(changelog.startsWith(`# ${manifest(join('packages', name)).name}\n\n## ${manifest(join('packages', name)).version}\n`), name).toBe(true);
      for (const other of published().filter((candidate) => candidate !== name)) {
        expect(changelog, `${name} CHANGELOG names the first release of @samus/${other}`).not.toMatch(new RegExp(`(First release of|Add) \`@samus/${other}\``));
      }
    }
  });
});
