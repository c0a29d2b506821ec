import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function split(pieces: Uint8Array[]): string[] {
  const splitter = new LineSplitter();
  const lines: string[] = [];
  for (const piece of pieces) splitter.push(piece, (line) => lines.push(line));
  splitter.end((line) => lines.push(line));
  return lines;
}

describe('LineSplitter', () => {
  it('splits LF and CRLF lines and keeps empty lines', () => {
    expect(split([bytes('a\nb\r\n\r\nc\n')])).toEqual(['a', 'b', '', 'c']);
  });

  it('joins a line split across many reads, including a CRLF split between reads', () => {
    expect(split([bytes('da'), bytes('ta: x'), bytes('yz\r'), bytes('\nnext\n')])).toEqual(['data: xyz', 'next']);
  });

  it('decodes a UTF-8 sequence split across reads (no replacement characters)', () => {
    const all = bytes('héllo 🚀 wörld\n');
    // Cut inside the 4-byte emoji and inside the 2-byte ö.
    const emoji = all.indexOf(0xf0);
    const pieces = [all.subarray(0, emoji + 2), all.subarray(emoji + 2, emoji + 7), all.subarray(emoji + 7)];
    expect(split(pieces)).toEqual(['héllo 🚀 wörld']);
  });

  it('splits every byte on its own correctly', () => {
    const all = bytes('ünï\ncødé\n');
    expect(split([...all].map((byte) => Uint8Array.of(byte)))).toEqual(['ünï', 'cødé']);
  });

  it('flushes an unterminated last line at the end', () => {
    expect(split([bytes('a\nlast')])).toEqual(['a', 'last']);
  });

  it('does not treat a lone CR as a line break', () => {
    expect(split([bytes('a\rb\n')])).toEqual(['a\rb']);
  });
});
