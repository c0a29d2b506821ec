import { describe, expect, it } from 'vitest';
import { HOSTED_MODEL_PATTERNS, isHostedModelName, isUtilityRole, resolveRequestModel, type RequestModelPolicy } from './request-model-policy.js';

const policy: RequestModelPolicy = { model: 'qwen3:4b', utilityModel: 'qwen3:0.6b' };

describe('request-model policy', () => {
  it('recognises the hosted names a Gemini-CLI host sends, and nothing a local server serves', () => {
    for (const name of ['gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-embedding-001', 'Gemini-3-Pro-Preview', 'auto-gemini-2.5', 'auto-gemini-3', 'models/gemini-2.5-pro', 'auto', 'pro', 'flash', 'flash-lite']) {
      expect(isHostedModelName(name), name).toBe(true);
    }
    for (const name of ['qwen3:4b', 'llama3', 'gemma3:270m', 'google/gemma-3-4b', 'hf.co/bartowski/gemini-like:Q4', 'autogen', 'flashcard-7b', 'local-model']) {
      expect(isHostedModelName(name), name).toBe(false);
    }
    expect(HOSTED_MODEL_PATTERNS.length).toBeGreaterThan(0);
  });

  it('tells utility roles (LlmRole utility_*) from main and subagent turns', () => {
    expect(isUtilityRole('utility_compressor')).toBe(true);
    expect(isUtilityRole('utility_router')).toBe(true);
    expect(isUtilityRole('main')).toBe(false);
    expect(isUtilityRole('subagent')).toBe(false);
    expect(isUtilityRole(undefined)).toBe(false);
  });

  it('auto: replaces empty and hosted names, by role, and sends a local name as given', () => {
    expect(resolveRequestModel('gemini-2.5-pro', 'main', policy)).toEqual({ model: 'qwen3:4b', requested: 'gemini-2.5-pro', source: 'configured' });
    expect(resolveRequestModel('gemini-2.5-flash-lite', 'utility_router', policy)).toEqual({ model: 'qwen3:0.6b', requested: 'gemini-2.5-flash-lite', source: 'utility' });
    expect(resolveRequestModel('models/gemini-2.5-flash', 'utility_compressor', { model: 'big' })).toEqual({ model: 'big', requested: 'models/gemini-2.5-flash', source: 'configured' });
    expect(resolveRequestModel('', undefined, policy)).toEqual({ model: 'qwen3:4b', requested: '', source: 'configured' });
    expect(resolveRequestModel(undefined, 'utility_next_speaker', policy).model).toBe('qwen3:0.6b');
    expect(resolveRequestModel('llama3.2:1b', 'utility_router', policy)).toEqual({ model: 'llama3.2:1b', requested: 'llama3.2:1b', source: 'request' });
    expect(resolveRequestModel('subagent-model', 'subagent', policy).source).toBe('request');
  });

  it('configured: always the configured models; request: always the caller\'s name', () => {
    const configured = { ...policy, requestModel: 'configured' as const };
    expect(resolveRequestModel('llama3.2:1b', 'main', configured)).toEqual({ model: 'qwen3:4b', requested: 'llama3.2:1b', source: 'configured' });
    expect(resolveRequestModel('llama3.2:1b', 'utility_tool', configured).model).toBe('qwen3:0.6b');
    const asRequested = { ...policy, requestModel: 'request' as const };
    expect(resolveRequestModel('gemini-2.5-flash', 'utility_router', asRequested)).toEqual({ model: 'gemini-2.5-flash', requested: 'gemini-2.5-flash', source: 'request' });
    expect(resolveRequestModel('', 'main', asRequested).model).toBe('qwen3:4b');
  });

  it('is idempotent: resolving the chosen model again with the same role gives the same model', () => {
    for (const requestModel of ['auto', 'configured', 'request'] as const) {
      for (const role of ['main', 'utility_router', undefined]) {
        for (const requested of ['gemini-2.5-flash', 'llama3', '']) {
          const once = resolveRequestModel(requested, role, { ...policy, requestModel });
          expect(resolveRequestModel(once.model, role, { ...policy, requestModel }).model).toBe(once.model);
        }
      }
    }
  });
});
