import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAILURE_MODES, MALFORMED_INPUT_MODES, SECRET_ECHO_MODES, STREAM_FAILURE_MODES, type FailureMode } from '@samus/test-server';
import { describe, expect, it } from 'vitest';

const DOC = fileURLToPath(new URL('../../packages/kernel/docs/faults.md', import.meta.url));

/** The table row of a mode, as the doc lists it. */
export function faultRow(mode: FailureMode): string {
  return `| \`${mode.id}\` | ${mode.description} | ${mode.paths ? mode.paths.join(', ') : 'all'} | \`${mode.code}\` | ${mode.status ?? '—'} |`;
}

describe('docs/faults.md', () => {
  it('lists every mode of the failure matrix, in order, with its code', () => {
    const modes = [...FAILURE_MODES, ...STREAM_FAILURE_MODES, ...SECRET_ECHO_MODES, ...MALFORMED_INPUT_MODES];
    const rows = readFileSync(DOC, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(modes.map(faultRow));
    expect(new Set(modes.map((mode) => mode.id)).size).toBe(modes.length);
  });
});
