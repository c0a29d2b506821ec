import { samusTsdownConfig } from '@samus/tsconfig/tsdown';
import { defineConfig } from 'tsdown';

export default defineConfig(
  samusTsdownConfig({
    entry: ['src/index.ts', 'src/cli.ts', 'src/fake-sse-server.ts', 'src/ollama-eval-rate.ts', 'src/weight.ts', 'src/soak.ts', 'src/token-accuracy.ts'],
    // The measured packages are bundled in (from their fresh build): a run never sees a half-rebuilt dist.
    // @samus/test-ollama (container tooling, not measured) stays external with its testcontainers dependency.
    deps: { alwaysBundle: [/^@samus\/(?!test-ollama|test-llamacpp)/], neverBundle: ['@samus/test-ollama', '@samus/test-llamacpp'] },
  }),
);
