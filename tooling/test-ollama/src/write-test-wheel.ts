import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test helper: writes a wheel (a zip) named like pip names it, holding the given members, into
 * `<cacheDir>/models/wheels` — so the model-file steps can run without PyPI. Needs python3.
 */
export function writeTestWheel(cacheDir: string, name: string, version: string, members: Record<string, string>): string {
  const dir = join(cacheDir, 'models', 'wheels');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replaceAll('-', '_')}-${version}-py3-none-any.whl`);
  const script = 'import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n    for k, v in json.loads(sys.argv[2]).items():\n        z.writestr(k, v)\n';
  const result = spawnSync('python3', ['-c', script, file, JSON.stringify(members)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not write test wheel: ${result.stderr}`);
  return file;
}
