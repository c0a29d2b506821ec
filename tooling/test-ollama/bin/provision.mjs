#!/usr/bin/env node
// Standalone provisioning (no tsx, no build): Docker engine, Ollama v0.11.4 image, models image.
// Usage: node tooling/test-ollama/bin/provision.mjs [--bare]
// Runs the TypeScript sources with Node's built-in type stripping (Node >= 22.18 / 24); a resolve
// hook maps the sources' `./x.js` imports to `./x.ts`.
import { registerHooks } from 'node:module';

if (typeof registerHooks !== 'function' || !process.features.typescript) {
  process.stderr.write(`[samus test-ollama] error: Node ${process.version} cannot run TypeScript sources; use Node 24 (npm run test:all installs it)\n`);
  process.exit(1);
}
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.includes('/test-ollama/src/')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    return nextResolve(specifier, context);
  },
});

const started = Date.now();
const { provisionOllama } = await import('../src/provision-ollama.ts');
try {
  const image = await provisionOllama({ models: !process.argv.includes('--bare') });
  process.stderr.write(`[samus test-ollama] ready: ${image} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
  process.stdout.write(`${image}\n`);
} catch (error) {
  process.stderr.write(`[samus test-ollama] error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
