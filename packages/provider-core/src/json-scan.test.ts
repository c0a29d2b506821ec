import { describe, expect, it } from 'vitest';
import { scanJson } from './json-scan.js';

describe('scanJson', () => {
  it('finds where the value opened at `from` closes, skipping brackets inside strings and escaped quotes', () => {
    const text = 'x {"a":"}]\\"{","b":[1,{"c":2}]} tail';
    expect(scanJson(text, 2)).toEqual({ end: text.indexOf(' tail'), open: 0, inString: false, mismatched: false });
  });

  it('reports an unclosed value: end -1 with the open brackets and whether it stopped inside a string', () => {
    expect(scanJson('{"a":[1,2')).toEqual({ end: -1, open: 2, inString: false, mismatched: false });
    expect(scanJson('{"a":"par')).toEqual({ end: -1, open: 1, inString: true, mismatched: false });
  });

  it('flags a closing bracket that does not match, and reads the whole text with whole: true', () => {
    expect(scanJson('{"a":[1}').mismatched).toBe(true);
    expect(scanJson('{"a":1}{"b":', 0, true)).toMatchObject({ end: -1, open: 1, mismatched: false });
  });
});
