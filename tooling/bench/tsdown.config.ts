import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/fake-sse-server.ts'],
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node22',
  fixedExtension: true,
  // The measured packages are bundled in (from their fresh build): a run never sees a half-rebuilt dist.
  deps: { alwaysBundle: [/^@samus\//] },
});
