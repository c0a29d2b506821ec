import { createGenerateContentResponse, FinishReason, type GenerateContentResponse, type Part } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { mergeAdjacentThoughts, ThoughtCoalescer } from './thought-coalescer.js';

const chunk = (parts: Part[], extra: { finishReason?: FinishReason; index?: number } = {}) =>
  createGenerateContentResponse({
    candidates: [{ content: { role: 'model', parts }, index: extra.index ?? 0, ...(extra.finishReason ? { finishReason: extra.finishReason } : {}) }],
    responseId: 'r1',
    modelVersion: 'm',
  });

function run(responses: GenerateContentResponse[], limit?: number): GenerateContentResponse[] {
  const out: GenerateContentResponse[] = [];
  const coalescer = new ThoughtCoalescer((response) => out.push(response), limit);
  for (const response of responses) coalescer.push(response);
  coalescer.flush();
  return out;
}

const partsOf = (responses: GenerateContentResponse[]) => responses.map((response) => response.candidates?.[0]?.content?.parts);

describe('ThoughtCoalescer', () => {
  it('passes responses without thoughts through as the same objects', () => {
    const a = chunk([{ text: 'a' }]);
    const b = chunk([{ text: 'b' }]);
    const out = run([a, b]);
    expect(out[0]).toBe(a);
    expect(out[1]).toBe(b);
  });

  it('holds thought-only responses and hands out one thought part before the first answer part', () => {
    const out = run([chunk([{ text: 'I ', thought: true }]), chunk([{ text: 'think', thought: true }]), chunk([{ text: '.', thought: true }, { text: 'Answer' }]), chunk([{ text: '!' }])]);
    expect(partsOf(out)).toEqual([[{ text: 'I think.', thought: true }, { text: 'Answer' }], [{ text: '!' }]]);
    expect(out[0]!.text).toBe('Answer');
  });

  it('flushes before a function call and with a finish reason, keeping the finish on its response', () => {
    const out = run([chunk([{ text: 'plan', thought: true }]), chunk([{ functionCall: { name: 'f', args: {} } }]), chunk([{ text: 'more', thought: true }]), chunk([], { finishReason: FinishReason.STOP })]);
    expect(partsOf(out)).toEqual([[{ text: 'plan', thought: true }, { functionCall: { name: 'f', args: {} } }], [{ text: 'more', thought: true }]]);
    expect(out[1]!.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('flushes at the end of a stream as a response of its own, with the id and model of the stream', () => {
    const out = run([chunk([{ text: 'a', thought: true }]), chunk([{ text: 'b', thought: true }])]);
    expect(partsOf(out)).toEqual([[{ text: 'ab', thought: true }]]);
    expect(out[0]!.responseId).toBe('r1');
    expect(out[0]!.modelVersion).toBe('m');
  });

  it('hands out a thought part once the buffer reaches its limit', () => {
    const out = run([chunk([{ text: 'aaa', thought: true }]), chunk([{ text: 'bb', thought: true }]), chunk([{ text: 'c', thought: true }])], 5);
    expect(partsOf(out)).toEqual([[{ text: 'aaabb', thought: true }], [{ text: 'c', thought: true }]]);
  });

  it('keeps candidates apart and passes multi-candidate responses through after a flush', () => {
    const multi = createGenerateContentResponse({ candidates: [{ index: 0 }, { index: 1 }] });
    const out = run([chunk([{ text: 'zero', thought: true }]), chunk([{ text: 'one', thought: true }], { index: 1 }), multi]);
    expect(partsOf(out)).toEqual([[{ text: 'zero', thought: true }], [{ text: 'one', thought: true }], undefined]);
    expect(out[1]!.candidates?.[0]?.index).toBe(1);
    expect(out[2]).toBe(multi);
  });
});

describe('mergeAdjacentThoughts', () => {
  it('joins neighbouring thought parts and returns the same list when there is nothing to join', () => {
    const plain: Part[] = [{ text: 't', thought: true }, { text: 'a' }];
    expect(mergeAdjacentThoughts(plain)).toBe(plain);
    expect(mergeAdjacentThoughts([{ text: 'x', thought: true }, { text: 'y', thought: true }, { text: 'a' }, { text: 'z', thought: true }])).toEqual([
      { text: 'xy', thought: true },
      { text: 'a' },
      { text: 'z', thought: true },
    ]);
  });
});
