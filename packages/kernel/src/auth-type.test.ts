import { describe, expect, it } from 'vitest';
import { AUTH_TYPES, AuthType, isAuthType } from './auth-type.js';

describe('AuthType', () => {
  it('has the seven ids of the design', () => {
    expect([...AUTH_TYPES].sort()).toEqual(['cloud-shell', 'gemini-api-key', 'lm-studio', 'oauth-personal', 'ollama', 'openai', 'vertex-ai']);
    expect(AuthType.USE_OLLAMA).toBe('ollama');
    expect(isAuthType('lm-studio')).toBe(true);
    expect(isAuthType('lmstudio')).toBe(false);
    expect(isAuthType(undefined)).toBe(false);
  });
});
