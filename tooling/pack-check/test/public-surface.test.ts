import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A small public surface (issue "The kernel is the only seam", item 5): each public package's root entry exports at
// most MAX_ROOT_VALUES runtime values (types are free: they are the vocabulary of those values), and no entry of any
// package exports a value that nothing outside its entry files uses (another package, a test, a README).

const MAX_ROOT_VALUES = 15;
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const packagesDir = join(root, 'packages');

interface Entry {
  pkg: string;
  subpath: string;
  file: string;
}

function publicEntries(): Entry[] {
  const entries: Entry[] = [];
  for (const name of readdirSync(packagesDir)) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as { private?: boolean; exports?: Record<string, unknown> };
    if (manifest.private === true || !manifest.exports) continue;
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const source = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)['@samus/source'] : undefined;
      if (typeof source === 'string') entries.push({ pkg: name, subpath, file: join(packagesDir, name, source) });
    }
  }
  return entries;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mts|mjs|md)$/.test(name)) out.push(path);
  }
  return out;
}

const entries = publicEntries();
const entryFiles = new Set(entries.map((entry) => entry.file));
const corpus = ['packages', 'contracts', 'tooling', 'README.md']
  .map((part) => join(root, part))
  .flatMap((path) => (statSync(path).isDirectory() ? sourceFiles(path) : [path]))
  .filter((file) => !entryFiles.has(file))
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('public surface', () => {
  it.each(entries.filter((entry) => entry.subpath === '.').map((entry) => [entry.pkg, entry] as const))('%s: the root exports at most 15 values', async (_name, entry) => {
    const values = Object.keys((await import(entry.file)) as object);
    expect(values.length, values.join(', ')).toBeLessThanOrEqual(MAX_ROOT_VALUES);
  });

  it.each(entries.map((entry) => [`${entry.pkg}${entry.subpath === '.' ? '' : entry.subpath.slice(1)}`, entry] as const))('%s: every exported value is used outside the entry', async (_name, entry) => {
    const values = Object.keys((await import(entry.file)) as object);
    // Used = named by another package, a test, a README or tooling; the package's own source (where the value is
    // defined and re-exported) does not count.
    const ownSource = join(packagesDir, entry.pkg, 'src');
    const users = corpus.filter(({ file }) => !file.startsWith(ownSource) || /\.test(-d)?\.ts$/.test(file));
    const unused = values.filter((value) => !users.some(({ text }) => new RegExp(`\\b${value}\\b`).test(text)));
    expect(unused, `exported by ${relative(root, entry.file)} but used nowhere`).toEqual([]);
  });
});
