import { samusTsdownConfig } from '@samus/tsconfig/tsdown';
import { defineConfig } from 'tsdown';

export default defineConfig(samusTsdownConfig({ entry: ['src/index.ts', 'src/internal.ts', 'src/internal-conversion.ts'] }));
