import { describe, expect, it } from 'vitest';
import { lmStudioUrls } from './lm-studio-urls.js';

describe('lmStudioUrls', () => {
  it.each([
    ['http://localhost:1234', 'http://localhost:1234'],
    ['http://localhost:1234/', 'http://localhost:1234'],
    ['http://localhost:1234/v1', 'http://localhost:1234'],
    ['http://localhost:1234/v1/', 'http://localhost:1234'],
    ['http://127.0.0.1:1234/api/v0', 'http://127.0.0.1:1234'],
    ['http://127.0.0.1:1234/api/v1/', 'http://127.0.0.1:1234'],
    ['0.0.0.0:1234', 'http://127.0.0.1:1234'],
    ['myhost', 'http://myhost:1234'],
    ['https://lm.example.test/proxy/v1', 'https://lm.example.test/proxy'],
  ])('should derive root and /v1 base from %s', (input, root) => {
    expect(lmStudioUrls(input)).toEqual({ root, openAI: `${root}/v1` });
  });

  it('should add exactly one /v1 whatever the user typed', () => {
    for (const input of ['http://h:1', 'http://h:1/v1', 'http://h:1/v1/v1']) {
      expect(lmStudioUrls(input).openAI).toBe('http://h:1/v1');
    }
  });

  it('should reject a value that is not an HTTP address with SAMUS_ERR_INVALID_CONFIG', () => {
    expect(() => lmStudioUrls('ftp://h:1')).toThrow(expect.objectContaining({ code: 'SAMUS_ERR_INVALID_CONFIG' }));
  });
});
