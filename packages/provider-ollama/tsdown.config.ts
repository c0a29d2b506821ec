import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/ollama-plugin.ts'],
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node22',
  fixedExtension: true,
});
