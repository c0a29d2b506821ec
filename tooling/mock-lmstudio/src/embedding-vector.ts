import { hashString, seededRandom } from './seeded-random';

/**
 * A deterministic, dense embedding: the sum of one pseudo-random unit-ish vector per lower-cased word (seeded by the
 * word's hash), L2-normalised. Same text → same vector; texts sharing words → higher cosine similarity; texts with
 * no words in common → near-orthogonal.
 */
export function embeddingVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const random = seededRandom(hashString(word, 0x9e3779b9));
    for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) + (random() * 2 - 1);
  }
  if (words.length === 0) {
    const random = seededRandom(0x5eed);
    for (let i = 0; i < dimensions; i++) vector[i] = (random() * 2 - 1) * 0.01;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}
