// Shared flat config: typescript-eslint's recommended rules plus the conventions in CONTRIBUTING.md
// (type-only imports, no `export *`, no floating promises in library code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export const samusConfig = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Use explicit named exports (see CONTRIBUTING.md).' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test-d.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', Buffer: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
);
