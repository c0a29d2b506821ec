import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/lm-studio-plugin.ts'],
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node22',
  fixedExtension: true,
});
