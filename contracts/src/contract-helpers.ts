import { SamusError, type ErrorCode, type FunctionCall, type GenerateContentResponse } from '@samus/kernel';
import { describe, expect } from 'vitest';

/** The answer text of a response: every non-thought text part of the first candidate, joined. */
export function responseText(response: GenerateContentResponse): string {
  let text = '';
  for (const part of response.candidates?.[0]?.content?.parts ?? []) {
    if (part.text !== undefined && part.thought !== true) text += part.text;
  }
  return text;
}

/** Every function call of the first candidate. */
export function functionCalls(response: GenerateContentResponse): FunctionCall[] {
  const calls: FunctionCall[] = [];
  for (const part of response.candidates?.[0]?.content?.parts ?? []) if (part.functionCall) calls.push(part.functionCall);
  return calls;
}

/** Runs `action` and returns the `SamusError` it must fail with (asserting the code and a usable hint). */
export async function expectSamusError(action: () => Promise<unknown>, code: ErrorCode): Promise<SamusError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a SamusError ${code}, but the call succeeded`).toBeDefined();
  if (!SamusError.is(caught)) {
    throw new Error(`expected a SamusError ${code}, got: ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`, { cause: caught });
  }
  expect(caught.code, `${caught.message}`).toBe(code);
  expect(caught.hint.length, 'a SamusError carries a fix hint').toBeGreaterThan(10);
  return caught;
}

/** Drains a stream (or the promise `generateContentStream()` returns), returning its chunks. */
export async function collect<T>(stream: AsyncIterable<T> | Promise<AsyncIterable<T>>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of await stream) chunks.push(chunk);
  return chunks;
}

/**
 * Declares a capability group: a `describe` that runs when `skipReason` is undefined and otherwise shows as
 * skipped with the reason in its title.
 */
export function describeGroup(title: string, skipReason: string | undefined, body: () => void): void {
  describe.skipIf(skipReason !== undefined)(skipReason === undefined ? title : `${title} (skipped: ${skipReason})`, body);
}

/** The skip reason for a capability flag that is not `true`. */
export function capabilityMissing(flag: string, enabled: boolean | undefined): string | undefined {
  return enabled === true ? undefined : `the provider does not declare capability "${flag}"`;
}

/** Cosine similarity of two vectors of equal length. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index]!;
    const y = b[index]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return dot / Math.sqrt(normA * normB);
}
