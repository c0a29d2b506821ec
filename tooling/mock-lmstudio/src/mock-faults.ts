/**
 * Faults the mock injects into responses. Set them per server (`setFaults`, option `faults`) or per request with the
 * `x-mock-fault` header, whose value is either JSON (`{"stallAfterChunks":2}`) or `key=value` pairs separated by `,`
 * or `;` (`stallAfterChunks=2,latencyMs=50`). Header faults override server faults key by key.
 *
 * "Chunks" are SSE `data:` frames (including `data: [DONE]`); for a non-streaming JSON response the body counts as
 * one chunk. Every stall ends when the client disconnects or the server closes.
 */
export interface MockFaults {
  /** Added latency in ms: before the response starts and before every streamed chunk. */
  latencyMs?: number;
  /** Hold the response headers back for this many ms; `-1` holds them until the client disconnects. */
  slowHeadersMs?: number;
  /** Answer with this HTTP status (e.g. 500, 503) and an error body instead of handling the request. */
  status?: number;
  /**
   * Raw body for `status` (e.g. an HTML page from a proxy); sent as `text/html` when it starts with `<`, else
   * `text/plain`. Default: `{"error":"Injected fault: HTTP <status>"}` as JSON. JSON header form only.
   */
  statusBody?: string;
  /** Stop writing after this many chunks and keep the connection open (0 = after the headers). */
  stallAfterChunks?: number;
  /** Destroy the socket after this many chunks (for JSON: after the headers and half the body). */
  disconnectAfterChunks?: number;
  /** Write one malformed `data:` line (invalid JSON) after this many chunks, then go on (JSON: truncated body). */
  malformedAfterChunks?: number;
  /** Write `data: {"error":{...}}` after this many chunks and end the stream without `[DONE]`. */
  errorAfterChunks?: number;
  /** Split every write into pieces of this many bytes (cuts `data:` lines, JSON and UTF-8 sequences). */
  fragmentBytes?: number;
  /** Server-wide faults only: apply only to request paths starting with one of these prefixes. */
  paths?: readonly string[];
  /** Server-wide faults only: apply to this many matching requests, then clear themselves. */
  times?: number;
}

/** The request header that carries per-request faults. */
export const MOCK_FAULT_HEADER = 'x-mock-fault';

const numericKeys = [
  'latencyMs',
  'slowHeadersMs',
  'status',
  'stallAfterChunks',
  'disconnectAfterChunks',
  'malformedAfterChunks',
  'errorAfterChunks',
  'fragmentBytes',
  'times',
] as const;

/**
 * Parses an `x-mock-fault` header value. Throws an `Error` with a readable message on bad input (the mock answers
 * such requests with 400, so a typo in a test fails loudly instead of silently injecting nothing).
 */
export function parseFaultHeader(value: string): MockFaults {
  const trimmed = value.trim();
  const entries: [string, unknown][] = [];
  if (trimmed.startsWith('{')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`${MOCK_FAULT_HEADER} must be a JSON object`);
    }
    entries.push(...Object.entries(parsed));
  } else {
    for (const part of trimmed.split(/[,;]/)) {
      if (part.trim() === '') continue;
      const [key, raw] = part.split('=', 2).map((s) => s.trim());
      if (!key || raw === undefined) throw new Error(`${MOCK_FAULT_HEADER}: expected key=value, got "${part}"`);
      entries.push([key, key === 'paths' ? raw.split('|') : Number(raw)]);
    }
  }
  const faults: MockFaults = {};
  for (const [key, raw] of entries) {
    if (key === 'statusBody') {
      if (typeof raw !== 'string') throw new Error(`${MOCK_FAULT_HEADER}: statusBody must be a string`);
      faults.statusBody = raw;
      continue;
    }
    if (key === 'paths') {
      if (!Array.isArray(raw) || raw.some((p) => typeof p !== 'string')) {
        throw new Error(`${MOCK_FAULT_HEADER}: paths must be a list of strings`);
      }
      faults.paths = raw as string[];
      continue;
    }
    if (!(numericKeys as readonly string[]).includes(key)) {
      throw new Error(`${MOCK_FAULT_HEADER}: unknown fault "${key}" (known: ${numericKeys.join(', ')}, statusBody, paths)`);
    }
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      throw new Error(`${MOCK_FAULT_HEADER}: ${key} must be a finite number`);
    }
    faults[key as (typeof numericKeys)[number]] = raw;
  }
  return faults;
}
