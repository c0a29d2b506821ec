import { SamusError } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { QueuedAsyncGenerator } from './queued-async-generator.js';

class Numbers extends QueuedAsyncGenerator<number> {
  closed: string[] = [];
  #batches: number[][];
  #failAfter: boolean;

  constructor(batches: number[][], failAfter = false, signal?: AbortSignal) {
    super(signal);
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

  it('hands out the values a failing pull enqueued before it threw, then the error, and closes with "error" at once', async () => {
    class Failing extends Numbers {
      protected override async pull(): Promise<boolean> {
        await new Promise((resolve) => setTimeout(resolve, 1));
        this.enqueue(7);
        this.enqueue(8);
        throw new Error('bad data');
      }
    }
    const numbers = new Failing([]);
    expect(await numbers.next()).toEqual({ value: 7, done: false });
    expect(numbers.closed).toEqual(['error']);
    expect(await numbers.next()).toEqual({ value: 8, done: false });
    await expect(numbers.next()).rejects.toThrow('bad data');
    expect(await numbers.next()).toEqual({ value: undefined, done: true });
    expect(numbers.closed).toEqual(['error']);
  });

  it('hands out nothing queued after the signal aborted: next() rejects with SAMUS_ERR_ABORTED and closes', async () => {
    const controller = new AbortController();
    const numbers = new Numbers([[1, 2, 3, 4]], false, controller.signal);
    expect(await numbers.next()).toEqual({ value: 1, done: false });
    controller.abort(new Error('user left'));
    const error = await numbers.next().then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    expect(SamusError.is(error, 'SAMUS_ERR_ABORTED')).toBe(true);
    expect((error as SamusError).cause).toEqual(new Error('user left'));
    expect(numbers.closed).toEqual(['error']);
    expect(await numbers.next()).toEqual({ value: undefined, done: true });
  });

  it('rejects calls already waiting for a pull once the signal aborted during it, without handing out what it read', async () => {
    const controller = new AbortController();
    const numbers = new Numbers([[1, 2]], false, controller.signal);
    const first = numbers.next();
    const second = numbers.next();
    controller.abort();
    await expect(first).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
    expect(await second).toEqual({ value: undefined, done: true });
  });

  it('still rejects after an abort when the input had ended with values queued', async () => {
    class OneShot extends Numbers {
      protected override async pull(): Promise<boolean> {
        await new Promise((resolve) => setTimeout(resolve, 1));
        for (const value of [1, 2, 3]) this.enqueue(value);
        return false;
      }
    }
    const controller = new AbortController();
    const numbers = new OneShot([], false, controller.signal);
    expect(await numbers.next()).toEqual({ value: 1, done: false });
    expect(numbers.closed).toEqual(['end']);
    controller.abort();
    await expect(numbers.next()).rejects.toMatchObject({ code: 'SAMUS_ERR_ABORTED' });
    expect(await numbers.next()).toEqual({ value: undefined, done: true });
  });
});
