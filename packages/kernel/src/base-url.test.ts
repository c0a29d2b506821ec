import { describe, expect, it } from 'vitest';
import { normalizeBaseUrl } from './base-url.js';
import { SamusError } from './samus-error.js';

describe('normalizeBaseUrl', () => {
  it.each([
    ['http://localhost:11434', 'http://localhost:11434'],
    ['http://localhost:11434/', 'http://localhost:11434'],
    ['http://localhost:11434/v1', 'http://localhost:11434'],
    ['http://localhost:11434/v1/', 'http://localhost:11434'],
    ['  http://127.0.0.1:1234//  ', 'http://127.0.0.1:1234'],
    ['http://0.0.0.0:11434', 'http://127.0.0.1:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:8080', 'http://127.0.0.1:8080'],
    [':11500', 'http://127.0.0.1:11500'],
    ['somehost', 'http://somehost:11434'],
    ['somehost:9000', 'http://somehost:9000'],
    ['127.0.0.1:11434/v1', 'http://127.0.0.1:11434'],
    ['::1', 'http://[::1]:11434'],
    ['[::1]:1234', 'http://[::1]:1234'],
    ['[::]:1234', 'http://[::1]:1234'],
    ['http://[::1]:1234/v1', 'http://[::1]:1234'],
    ['https://example.test', 'https://example.test'],
    ['https://example.test/openai/v1', 'https://example.test/openai'],
    ['HTTP://LOCALHOST:11434', 'http://localhost:11434'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input, { defaultPort: 11434 })).toBe(expected);
  });

  it.each([
    ['ftp://host:21', 'unsupported scheme'],
    ['host:', 'missing port'],
    ['host:99999', 'not a valid URL'],
    ['http://user:secret@host:1', 'credentials'],
    ['http://host:1/?x=1', 'query strings'],
    ['http://exa mple:1', 'not a valid URL'],
  ])('refuses %s with a coded error naming the source', (input, reason) => {
    let caught: unknown;
    try {
      normalizeBaseUrl(input, { source: 'baseUrl (from OLLAMA_HOST)' });
    } catch (error) {
      caught = error;
    }
    expect(SamusError.is(caught, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    expect((caught as SamusError).message).toContain('baseUrl (from OLLAMA_HOST)');
    expect((caught as SamusError).message).toContain(reason);
    expect((caught as SamusError).message).not.toContain('secret@');
  });
});

describe('passwords in a base URL never reach a message', () => {
  it.each([
    ['user:pw-secret@host:1', 'pw-secret'],
    ['http://user:pa/ss-secret@host:1', 'ss-secret'],
    ['http://user:p@ss-secret@host:1', 'ss-secret'],
    ['https://user:top-secret@host', 'top-secret'],
  ])('%s', (input, secret) => {
    let caught: unknown;
    try {
      normalizeBaseUrl(input);
    } catch (error) {
      caught = error;
    }
    expect(SamusError.is(caught, 'SAMUS_ERR_INVALID_CONFIG')).toBe(true);
    const error = caught as SamusError;
    expect(`${error.message} ${error.hint} ${error.stack} ${JSON.stringify(error.details)}`).not.toContain(secret);
    expect(error.message).toContain('***@');
  });
});
