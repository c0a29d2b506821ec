import { describe, expect, it } from 'vitest';
import { classifyConnectionFailure as mapNetworkError } from './classify-connection-failure.js';
import { errorCodes } from './error-chain.js';

const withCode = (code: string, name = 'Error') => Object.assign(new Error(code), { code, name });
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
const context = { url: 'http://localhost:11434/v1/chat/completions', baseUrl: 'http://localhost:11434' };

describe('classifyConnectionFailure', () => {
  it('maps refused / unreachable connections to SAMUS_ERR_SERVER_NOT_RUNNING naming the address', () => {
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']) {
      const error = mapNetworkError(fetchFailed(withCode(code)), context);
      expect(error.code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
      expect(error.message).toContain('http://localhost:11434');
    }
  });

  it('finds codes inside AggregateErrors (happy eyeballs tried both families)', () => {
    const aggregate = Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: undefined });
    expect(errorCodes(fetchFailed(aggregate))).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    expect(mapNetworkError(fetchFailed(aggregate), context).code).toBe('SAMUS_ERR_SERVER_NOT_RUNNING');
  });

  it('maps unknown hosts and non-HTTP peers to SAMUS_ERR_WRONG_BASE_URL', () => {
    expect(mapNetworkError(fetchFailed(withCode('ENOTFOUND')), context).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
    expect(mapNetworkError(fetchFailed(withCode('HPE_INVALID_CONSTANT', 'HTTPParserError')), context).code).toBe('SAMUS_ERR_WRONG_BASE_URL');
  });

  it("maps undici's own timeouts with their phase", () => {
    expect(mapNetworkError(fetchFailed(withCode('UND_ERR_CONNECT_TIMEOUT')), context).details['phase']).toBe('connect');
    expect(mapNetworkError(fetchFailed(withCode('UND_ERR_HEADERS_TIMEOUT')), context).details['phase']).toBe('first-byte');
    expect(mapNetworkError(fetchFailed(withCode('UND_ERR_BODY_TIMEOUT')), context).details['phase']).toBe('idle');
  });

  it('maps a closed socket before the answer to SAMUS_ERR_SERVER_ERROR', () => {
    expect(mapNetworkError(fetchFailed(withCode('UND_ERR_SOCKET')), context).code).toBe('SAMUS_ERR_SERVER_ERROR');
  });

  it('keeps the original error as cause', () => {
    const original = fetchFailed(withCode('ECONNREFUSED'));
    expect(mapNetworkError(original, context).cause).toBe(original);
  });
});
