// Small HTTP helpers for the mock's tests: real requests over loopback, raw SSE access.
import { request } from 'node:http';
import { expect } from 'vitest';

/** A finished HTTP exchange. */
export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Sends a request with fetch and reads the whole body. */
export async function call(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Splits an SSE body into its `data:` payloads, asserting LM Studio's framing (`data: ...\n\n` only). */
export function ssePayloads(text: string): string[] {
  expect(text).toMatch(/^(data: [^\n]*\n\n)*$/);
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => frame.slice('data: '.length));
}

/** Parsed JSON payloads of an SSE body, without the final `[DONE]`. */
export function sseJson(text: string): unknown[] {
  const payloads = ssePayloads(text);
  return payloads.filter((payload) => payload !== '[DONE]').map((payload) => JSON.parse(payload) as unknown);
}

/** Raw exchange through node:http: status, raw header lines in wire order, body pieces as they arrived. */
export interface RawResult {
  status: number;
  rawHeaders: string[];
  pieces: Buffer[];
  body: string;
  /** `true` when the connection broke before the response completed. */
  broken: boolean;
}

/** Sends a request with node:http and records the response as it arrives (`signal` aborts it). */
export function rawCall(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${baseUrl}${path}`,
      { method, headers: { ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, ...(signal ? { signal } : {}) },
      (res) => {
        const pieces: Buffer[] = [];
        let broken = false;
        res.on('data', (piece: Buffer) => pieces.push(piece));
        res.on('aborted', () => {
          broken = true;
        });
        res.on('error', () => {
          broken = true;
        });
        res.on('close', () => {
          if (!res.complete) broken = true;
          resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, pieces, body: Buffer.concat(pieces).toString('utf8'), broken });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Resolves once `predicate` holds, polling every 10 ms; rejects after `timeoutMs` (bounded). */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
