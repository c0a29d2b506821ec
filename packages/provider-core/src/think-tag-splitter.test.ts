import { describe, expect, it } from 'vitest';
import { ThinkTagSplitter, type ThinkSegment } from './think-tag-splitter.js';

function stream(pieces: string[], options?: ConstructorParameters<typeof ThinkTagSplitter>[0]): ThinkSegment[] {
  const splitter = new ThinkTagSplitter(options);
  const out: ThinkSegment[] = [];
  for (const piece of pieces) out.push(...splitter.push(piece));
  out.push(...splitter.flush());
  // Merge neighbours of the same kind for readable expectations.
  return out.reduce<ThinkSegment[]>((merged, segment) => {
    const last = merged.at(-1);
    if (last && last.thought === segment.thought) last.text += segment.text;
    else merged.push({ ...segment });
    return merged;
  }, []);
}

describe('ThinkTagSplitter', () => {
  it('splits a think block from the answer', () => {
    expect(stream(['<think>plan</think>answer'])).toEqual([
      { text: 'plan', thought: true },
      { text: 'answer', thought: false },
    ]);
  });

  it('handles tags split across chunks', () => {
    expect(stream(['<th', 'ink>pl', 'an</th', 'ink', '>ans', 'wer'])).toEqual([
      { text: 'plan', thought: true },
      { text: 'answer', thought: false },
    ]);
  });

  it('treats text before a closing tag without an opening one as reasoning', () => {
    expect(stream(['still thinking</think>the answer'])).toEqual([
      { text: 'still thinking', thought: true },
      { text: 'the answer', thought: false },
    ]);
  });

  it('starts inside the block when the template opened it (startsOpen)', () => {
    expect(stream(['reason', 'ing</think>done'], { startsOpen: true })).toEqual([
      { text: 'reasoning', thought: true },
      { text: 'done', thought: false },
    ]);
  });

  it('releases a held "<" that did not become a tag', () => {
    expect(stream(['a <', 'b'])).toEqual([{ text: 'a <b', thought: false }]);
    expect(stream(['x <thi'])).toEqual([{ text: 'x <thi', thought: false }]);
  });

  it('keeps a literal </think> in the answer after a proper block', () => {
    expect(stream(['<think>r</think>use </think> tags'])).toEqual([
      { text: 'r', thought: true },
      { text: 'use </think> tags', thought: false },
    ]);
  });

  it('reclassifies a complete text with a missing opening tag', () => {
    expect(ThinkTagSplitter.splitComplete('hmm\nok</think>\nAnswer')).toEqual([
      { text: 'hmm\nok', thought: true },
      { text: '\nAnswer', thought: false },
    ]);
  });

  it('isPlain is true only without tags and held text', () => {
    const splitter = new ThinkTagSplitter();
    expect(splitter.isPlain('hello')).toBe(true);
    expect(splitter.isPlain('a<b')).toBe(false);
    splitter.push('x <th');
    expect(splitter.isPlain('hello')).toBe(false);
  });

  it('can be turned off, and takes other tag names (split across chunks too)', () => {
    expect(stream(['<think>a</think>b'], { enabled: false })).toEqual([{ text: '<think>a</think>b', thought: false }]);
    expect(stream(['[TH', 'INK]plan[/THI', 'NK]answer <think>x</think>'], { openTag: '[THINK]', closeTag: '[/THINK]' })).toEqual([
      { text: 'plan', thought: true },
      { text: 'answer <think>x</think>', thought: false },
    ]);
  });

  it('with leadingOnly (structured reasoning seen) honours only a leading block, never one inside the answer', () => {
    expect(stream(['<think>r</think>answer <think>literal</think> end'], { leadingOnly: true })).toEqual([
      { text: 'r', thought: true },
      { text: 'answer <think>literal</think> end', thought: false },
    ]);
    expect(stream(['Use ', '<think>', ' tags'], { leadingOnly: true })).toEqual([{ text: 'Use <think> tags', thought: false }]);
    const splitter = new ThinkTagSplitter();
    expect(splitter.push('Answer <thi')).toEqual([{ text: 'Answer ', thought: false }]);
    // Structured reasoning arrives now: the held prefix is answer text, and tags are text from here on.
    expect(splitter.leadingOnly()).toEqual([{ text: '<thi', thought: false }]);
    expect(splitter.push('nk>more')).toEqual([{ text: 'nk>more', thought: false }]);
  });
});
