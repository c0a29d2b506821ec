#!/usr/bin/env node
// Standalone provisioning (no tsx, no build): builds (or finds cached) llama-server and the model files, then, with
// --start, starts the test server and prints its base URL until Ctrl-C.
// Usage: node tooling/test-llamacpp/bin/provision.mjs [--start]
// Runs the TypeScript sources with Node's built-in type stripping (Node >= 22.18 / 24); a resolve hook maps the
// sources' `./x.js` imports to `./x.ts` and `@samus/test-ollama` to its sources.
import { registerHooks } from 'node:module';

if (typeof registerHooks !== 'function' || !process.features.typescript) {
  process.stderr.write(`[samus test-llamacpp] error: Node ${process.version} cannot run TypeScript sources; use Node 24 (npm run test:all installs it)\n`);
  process.exit(1);
}
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === '@samus/test-ollama') return nextResolve(new URL('../../test-ollama/src/index.ts', import.meta.url).href, context);
    if (specifier.startsWith('.') && specifier.endsWith('.js') && /\/test-(ollama|llamacpp)\/src\//.test(context.parentURL ?? '')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    return nextResolve(specifier, context);
  },
});

const started = Date.now();
const { ensureLlamaServerBinary } = await import('../src/llama-server-binary.ts');
const { ensureChatModelFile, ensureToolsModelFile } = await import('../src/llama-models.ts');
try {
  const binary = await ensureLlamaServerBinary();
  const chat = await ensureChatModelFile();
  await ensureToolsModelFile();
  process.stderr.write(`[samus test-llamacpp] ready: ${binary} (${((Date.now() - started) / 1000).toFixed(1)}s); chat model ${chat}\n`);
  process.stdout.write(`${binary}\n`);
  if (process.argv.includes('--start')) {
    const { startLlamaServer } = await import('../src/start-llama-server.ts');
    const server = await startLlamaServer();
    process.stdout.write(`${server.baseUrl}\n`);
    const stop = () => server.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  process.stderr.write(`[samus test-llamacpp] error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
