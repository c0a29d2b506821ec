import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/fake-sse-server.ts'],
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node22',
  fixedExtension: true,
});
