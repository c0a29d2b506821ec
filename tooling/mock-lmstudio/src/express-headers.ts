import { createHash } from 'node:crypto';

/** Express's weak ETag for a body (`etag` package algorithm: `W/"<len hex>-<sha1 base64, 27 chars>"`). */
export function expressEtag(body: string): string {
  const length = Buffer.byteLength(body, 'utf8');
  if (length === 0) return 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"';
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').slice(0, 27);
  return `W/"${length.toString(16)}-${hash}"`;
}

/**
 * Headers of an Express `res.json()` response, in Express's order. LM Studio's server is Express (api-facts 3.1:
 * `X-Powered-By: Express`, `application/json; charset=utf-8`); node:http adds `Date`, `Connection: keep-alive` and
 * `Keep-Alive: timeout=5` itself. [inferred] the ETag header: Express adds it by default; not mentioned in api-facts.
 */
export function jsonHeaders(body: string): [string, string][] {
  return [
    ['X-Powered-By', 'Express'],
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(body, 'utf8'))],
    ['ETag', expressEtag(body)],
  ];
}

/** Headers of LM Studio's SSE responses (api-facts 3.2: `text/event-stream`, `Cache-Control: no-cache`). */
export function sseHeaders(): [string, string][] {
  return [
    ['X-Powered-By', 'Express'],
    ['Content-Type', 'text/event-stream'],
    ['Cache-Control', 'no-cache'],
    ['Connection', 'keep-alive'],
  ];
}

/** [inferred] CORS headers when "Enable CORS" is on: api-facts says only "permissive `*`" is likely. */
export function corsHeaders(): [string, string][] {
  return [
    ['Access-Control-Allow-Origin', '*'],
    ['Access-Control-Allow-Headers', '*'],
    ['Access-Control-Allow-Methods', 'GET,HEAD,PUT,PATCH,POST,DELETE'],
  ];
}
