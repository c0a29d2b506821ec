import type { FailureMode } from './failure-modes.js';
import { startTestServer } from './test-server.js';

/** The key the echo modes configure; no error on any path may contain it. */
export const ECHO_SECRET = 'sk-echo-0123456789abcdef';

function echoing(status: number, shape: (auth: string) => unknown): FailureMode['start'] {
  return async () => {
    const server = await startTestServer((request) => {
      const auth = String(request.headers['authorization'] ?? '');
      return { status, body: shape(auth), headers: { 'x-echo-authorization': auth } };
    });
    return { baseUrl: server.url, requests: () => server.requests.length, close: () => server.close() };
  };
}

/** Servers that echo the configured credential back in every shape seen in the wild. */
export const SECRET_ECHO_MODES: readonly FailureMode[] = [
  { id: 'echo-401-message', description: 'HTTP 401 whose message repeats the Authorization header', code: 'SAMUS_ERR_UNAUTHORIZED', status: 401, apiKey: ECHO_SECRET, start: echoing(401, (auth) => ({ error: { message: `Invalid API key provided: ${auth}`, code: 'invalid_api_key' } })) },
  { id: 'echo-500-text', description: 'HTTP 500 plain text repeating the key', code: 'SAMUS_ERR_SERVER_ERROR', status: 500, apiKey: ECHO_SECRET, start: echoing(500, (auth) => `upstream failed for ${auth}`) },
  { id: 'echo-400-nested', description: 'HTTP 400 with the key in a nested field', code: 'SAMUS_ERR_INVALID_REQUEST', status: 400, apiKey: ECHO_SECRET, start: echoing(400, (auth) => ({ error: { message: 'bad request', param: auth.replace(/^Bearer /, ''), type: 'invalid_request_error' } })) },
  { id: 'echo-403-bare-key', description: 'HTTP 403 quoting the bare key', code: 'SAMUS_ERR_UNAUTHORIZED', status: 403, apiKey: ECHO_SECRET, start: echoing(403, (auth) => ({ error: `key ${auth.replace(/^Bearer /, '')} is not allowed here` })) },
];
