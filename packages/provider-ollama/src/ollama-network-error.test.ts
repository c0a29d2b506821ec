import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mapOllamaNetworkError } from './ollama-network-error.js';

async function refusedFetchError(url: string): Promise<unknown> {
  try {
    await fetch(url);
  } catch (error) {
    return error;
  }
  throw new Error('expected the fetch to fail');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('mapOllamaNetworkError', () => {
  it('should say "Ollama is not running at <url>" with `ollama serve` for a refused connection', async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const error = mapOllamaNetworkError(await refusedFetchError(`${baseUrl}/api/version`), baseUrl);
    expect(error?.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error?.message).toBe(`Ollama is not running at ${baseUrl} — start it with \`ollama serve\``);
    expect(error?.retryable).toBe(true);
  });

  it('should explain localhost → ::1 when only IPv6 addresses were refused', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED ::1:11434'), { code: 'ECONNREFUSED', address: '::1', port: 11434 });
    const error = mapOllamaNetworkError(new TypeError('fetch failed', { cause }), 'http://localhost:11434');
    expect(error?.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
    expect(error?.message).toContain('::1');
    expect(error?.hint).toContain('http://127.0.0.1:11434');
    expect(error?.details.ipv6Only).toBe(true);
  });

  it('should report an unknown host name', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND nohost.invalid'), { code: 'ENOTFOUND' });
    const error = mapOllamaNetworkError(new TypeError('fetch failed', { cause }), 'http://nohost.invalid:11434');
    expect(error?.code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(error?.message).toContain('nohost.invalid');
    expect(error?.hint).toContain('OLLAMA_HOST');
  });

  it('should return undefined for errors that are not connection failures', () => {
    expect(mapOllamaNetworkError(new Error('something else'), 'http://127.0.0.1:1')).toBeUndefined();
  });
});
