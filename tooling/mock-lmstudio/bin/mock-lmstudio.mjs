#!/usr/bin/env node
// Runs the built CLI (dist/cli.mjs). Build first: pnpm --filter @samus/mock-lmstudio build
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const distCli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(distCli))) {
  console.error('mock-lmstudio: dist/ is missing. Build it first: pnpm --filter @samus/mock-lmstudio build');
  process.exit(1);
}
const { runCli } = await import(distCli.href);
const result = await runCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
if (!result.stop) {
  process.exitCode = result.status;
} else {
  const stop = () => {
    result.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
