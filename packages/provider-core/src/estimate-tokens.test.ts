import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.js';

describe('estimateTokens', () => {
  it('counts words by 4-character pieces, punctuation as one token each, whitespace as free', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Hello world')).toBe(4);
    expect(estimateTokens('a, b.')).toBe(4);
    expect(estimateTokens('internationalization')).toBe(5);
  });

  it('counts every non-ASCII character (CJK, emoji as one surrogate pair) as a token', () => {
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('🚀🚀')).toBe(2);
  });

  it('is in the right range for English prose (about 4 characters per token)', () => {
    const prose = 'The quick brown fox jumps over the lazy dog while the farmer watches from the porch. '.repeat(20);
    const estimate = estimateTokens(prose);
    expect(estimate).toBeGreaterThan(prose.length / 5);
    expect(estimate).toBeLessThan(prose.length / 2.5);
  });
});
