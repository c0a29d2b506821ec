import { SamusError } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { NdjsonParser } from './ndjson-parser.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('NdjsonParser', () => {
  it('parses one value per line across split reads and skips blank lines', () => {
    const values: unknown[] = [];
    const parser = new NdjsonParser((value) => values.push(value));
    parser.push(bytes('{"a":1}\n\n{"b":'));
    parser.push(bytes('"ü"}\r\n{"c":3}'));
    parser.end();
    expect(values).toEqual([{ a: 1 }, { b: 'ü' }, { c: 3 }]);
  });

  it('throws SAMUS_ERR_INVALID_RESPONSE for a line that is not JSON', () => {
    const parser = new NdjsonParser(() => undefined);
    let caught: unknown;
    try {
      parser.push(bytes('{"ok":true}\n<html>\n'));
    } catch (error) {
      caught = error;
    }
    expect(SamusError.is(caught, 'SAMUS_ERR_INVALID_RESPONSE')).toBe(true);
    expect((caught as SamusError).details['line']).toBe('<html>');
  });
});
