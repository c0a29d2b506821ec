import { describe, expect, it } from 'vitest';
import { createColors } from './colors.js';
import { formatBytes, formatTable } from './format-table.js';

describe('formatTable', () => {
  it('aligns columns on visible width, ignoring colour codes', () => {
    const colors = createColors(true);
    const table = formatTable(['A', 'LONGER'], [[colors.green('x'), 'y'], ['wide cell', 'z']]);
    // eslint-disable-next-line no-control-regex
    const lines = table.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
    expect(lines).toEqual(['A          LONGER', 'x          y', 'wide cell  z', '']);
  });

  it('formats sizes', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(818_125_312)).toBe('818 MB');
    expect(formatBytes(4_683_073_952)).toBe('4.7 GB');
  });
});

