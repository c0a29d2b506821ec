import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_LIST, ERROR_CODES } from './error-codes.js';

const docs = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...docs.matchAll(/^## (SAMUS_ERR_[A-Z_]+)$/gm)].map((match) => match[1]);

describe('error code catalogue', () => {
  it('documents every code in docs/errors.md, in catalogue order', () => {
    expect(documented).toEqual(ERROR_CODE_LIST);
  });

  it('states the same retryable flag in the docs as in the catalogue', () => {
    for (const code of ERROR_CODE_LIST) {
      const section = docs.split(`## ${code}\n`)[1]!.split('\n## ')[0]!;
      expect(section, code).toContain(`- Retryable: ${ERROR_CODES[code].retryable ? 'yes' : 'no'}`);
    }
  });

  it('gives every code a one-line hint ending with a full stop', () => {
    for (const code of ERROR_CODE_LIST) {
      expect(ERROR_CODES[code].hint, code).toMatch(/^[^\n]{10,200}[.)]$/);
      expect(code).toMatch(/^SAMUS_ERR_[A-Z_]+$/);
    }
  });
});
