#!/usr/bin/env node
// The `prepack` / `postpack` step of every public @samus package (pnpm reads the manifest for the tarball after
// `prepack`). `strip` writes the tarball's package.json: `exports` without the workspace's `@samus/source` condition
// (it points at `src/`, which is not shipped; vitest and tsc in the workspace resolve through it), and no
// `devDependencies` (a consumer never installs them, and they name private workspace packages such as
// `@samus/mock-lmstudio`). `restore` puts both fields back as they were, at the same place. Only these two fields are
// touched, so edits made to others meanwhile survive; a `strip` that finds a stale saved copy restores it first.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();
const manifestFile = join(dir, 'package.json');
const savedFile = join(dir, '.pack-manifest-fields.json');
const FIELDS = ['exports', 'devDependencies'];

const read = () => JSON.parse(readFileSync(manifestFile, 'utf8'));
const write = (manifest) => writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

/** `exports` without the `@samus/source` condition, at any depth. */
function withoutSourceCondition(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '@samus/source').map(([key, inner]) => [key, withoutSourceCondition(inner)]));
}

function restore() {
  if (!existsSync(savedFile)) return;
  const saved = JSON.parse(readFileSync(savedFile, 'utf8'));
  let entries = Object.entries(read()).filter(([key]) => !FIELDS.includes(key));
  for (const { key, index, value } of saved.sort((a, b) => a.index - b.index)) entries.splice(Math.min(index, entries.length), 0, [key, value]);
  write(Object.fromEntries(entries));
  rmSync(savedFile);
}

function strip() {
  restore();
  const manifest = read();
  const keys = Object.keys(manifest);
  const saved = FIELDS.filter((key) => manifest[key] !== undefined).map((key) => ({ key, index: keys.indexOf(key), value: manifest[key] }));
  if (saved.length === 0) return;
  writeFileSync(savedFile, `${JSON.stringify(saved, null, 2)}\n`);
  if (manifest.exports !== undefined) manifest.exports = withoutSourceCondition(manifest.exports);
  delete manifest.devDependencies;
  write(manifest);
}

const command = process.argv[2];
if (command === 'strip') strip();
else if (command === 'restore') restore();
else {
  console.error('usage: pack-manifest.mjs strip|restore (run in a package directory)');
  process.exit(2);
}
