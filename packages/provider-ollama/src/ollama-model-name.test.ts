import { describe, expect, it } from 'vitest';
import { canonicalModelName, modelAliases, sameModelName } from './ollama-model-name.js';

describe('ollama model names', () => {
  it('should add the implicit :latest tag and lower-case', () => {
    expect(canonicalModelName('Llama3')).toBe('llama3:latest');
    expect(canonicalModelName('user/model')).toBe('user/model:latest');
    expect(canonicalModelName('hf.co/org/repo:Q4_K_M')).toBe('hf.co/org/repo:q4_k_m');
    expect(canonicalModelName('127.0.0.1:5000/library/gemma3:270m')).toBe('127.0.0.1:5000/library/gemma3:270m');
    expect(canonicalModelName('127.0.0.1:5000/library/gemma3')).toBe('127.0.0.1:5000/library/gemma3:latest');
  });

  it('should resolve llama3 ↔ llama3:latest but not other tags', () => {
    expect(sameModelName('llama3', 'llama3:latest')).toBe(true);
    expect(sameModelName('LLAMA3:latest', 'llama3')).toBe(true);
    expect(sameModelName('llama3:8b', 'llama3:latest')).toBe(false);
  });

  it('should list the short alias of a :latest model', () => {
    expect(modelAliases('llama3:latest')).toEqual(['llama3']);
    expect(modelAliases('gemma3:270m')).toEqual([]);
  });
});
