import { SamusError } from '@samus/kernel';

/**
 * Every item of a stream, in order. Takes the stream or the promise of one (what `generateContentStream()`
 * returns), so `await collect(generator.generateContentStream(request))` reads the whole answer.
 */
export async function collect<T>(stream: AsyncIterable<T> | Promise<AsyncIterable<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await stream) items.push(item);
  return items;
}

/** The first part's text of every response of a stream, joined: the whole streamed answer as one string. */
export async function collectText(stream: AsyncIterable<{ candidates?: { content?: { parts?: { text?: string }[] } }[] }> | Promise<AsyncIterable<{ candidates?: { content?: { parts?: { text?: string }[] } }[] }>>): Promise<string> {
  let text = '';
  for await (const chunk of await stream) text += chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? '';
  return text;
}

/**
 * The `SamusError` a call fails with. Takes the promise of the call (`failure(transport.json(...))`) or a
 * function that makes the call (`failure(() => generator.generateContent(...))`; a function may also throw
 * synchronously). Rejects when the call succeeds, and rethrows any error that is not a `SamusError`.
 */
export async function failure(promiseOrFn: Promise<unknown> | (() => unknown)): Promise<SamusError> {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    if (SamusError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SamusError, but the call succeeded');
}
