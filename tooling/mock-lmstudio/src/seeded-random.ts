import { randomInt } from 'node:crypto';

/** 32-bit FNV-1a hash of a string (deterministic across runs and platforms). */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A small seeded PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random `[a-z0-9]` string, as in LM Studio's `chatcmpl-` ids (not seeded: ids differ per response, as upstream). */
export function randomLowerAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Random numeric string, as LM Studio's tool-call ids (`"365174485"`). */
export function randomNumericId(): string {
  return String(randomInt(100_000_000, 999_999_999));
}

/** Random lower-case hex string. */
export function randomHex(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += randomInt(16).toString(16);
  return out;
}
