import { describe, expect, it } from 'vitest';
import { TextAccumulator } from './text-accumulator.js';

describe('TextAccumulator', () => {
  it('returns everything pushed, in order, across folds', () => {
    const accumulator = new TextAccumulator();
    let expected = '';
    for (let index = 0; index < 1000; index += 1) {
      accumulator.push(`${index},`);
      expected += `${index},`;
      if (index === 10 || index === 600) expect(accumulator.text).toBe(expected);
    }
    expect(accumulator.text).toBe(expected);
  });

  it('stops taking pieces once the limit is reached', () => {
    const accumulator = new TextAccumulator(5);
    accumulator.push('abc');
    accumulator.push('def');
    accumulator.push('ghi');
    expect(accumulator.text).toBe('abcdef');
  });

  it('is empty before anything is pushed', () => {
    expect(new TextAccumulator().text).toBe('');
  });
});
