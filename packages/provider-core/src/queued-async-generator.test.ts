import { describe, expect, it } from 'vitest';
import { QueuedAsyncGenerator } from './queued-async-generator.js';

class Numbers extends QueuedAsyncGenerator<number> {
  closed: string[] = [];
  #batches: number[][];
  #failAfter: boolean;

  constructor(batches: number[][], failAfter = false) {
    super();
    this.#batches = batches;
    this.#failAfter = failAfter;
  }

  protected async pull(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const batch = this.#batches.shift();
    if (!batch) {
      if (this.#failAfter) throw new Error('broken');
      return false;
    }
    for (const value of batch) this.enqueue(value);
    return true;
  }

  protected close(reason: 'end' | 'error' | 'return'): void {
    this.closed.push(reason);
  }
}

describe('QueuedAsyncGenerator', () => {
  it('yields every queued value in order across pulls, including empty pulls, and closes once', async () => {
    const numbers = new Numbers([[1, 2], [], [3]]);
    const seen: number[] = [];
    for await (const value of numbers) seen.push(value);
    expect(seen).toEqual([1, 2, 3]);
    expect(numbers.closed).toEqual(['end']);
    expect(await numbers.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps order when next() is called again before the previous call settled', async () => {
    const numbers = new Numbers([[1], [2], [3]]);
    const results = await Promise.all([numbers.next(), numbers.next(), numbers.next(), numbers.next()]);
    expect(results.map((result) => result.value)).toEqual([1, 2, 3, undefined]);
  });

  it('closes with "return" when the consumer breaks out', async () => {
    const numbers = new Numbers([[1, 2, 3]]);
    for await (const value of numbers) if (value === 1) break;
    expect(numbers.closed).toEqual(['return']);
  });

  it('rejects with the pull error and closes with "error"', async () => {
    const numbers = new Numbers([[1]], true);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of numbers) seen.push(value);
      })(),
    ).rejects.toThrow('broken');
    expect(seen).toEqual([1]);
    expect(numbers.closed).toEqual(['error']);
  });
});
