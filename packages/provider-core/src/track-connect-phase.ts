import diagnosticsChannel from 'node:diagnostics_channel';

/** The request header that lets {@link trackConnectPhase} recognise a request inside the HTTP client. */
export const CORRELATION_HEADER = 'x-samus-request-id';

/** What {@link trackConnectPhase} reports to. */
export interface ConnectPhaseWatcher {
  /** The HTTP client created the request (so the channels work in this runtime). */
  dispatched(): void;
  /** The request headers went out on an open connection: the connect phase is over. `reused`: the connection carried an earlier request. */
  connected(reused: boolean): void;
}

const watchers = new Map<string, ConnectPhaseWatcher>();
const byRequest = new WeakMap<object, ConnectPhaseWatcher>();
/** Sockets that have carried a request (a kept-alive connection is reused when it is in here). */
const usedSockets = new WeakSet<object>();
let subscribed = false;

function headerValue(headers: unknown): string | undefined {
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length - 1; i += 2) {
      const name: unknown = headers[i];
      // fetch lower-cases header names; compare the cheap way first.
      if (name === CORRELATION_HEADER || (typeof name === 'string' && name.length === CORRELATION_HEADER.length && name.toLowerCase() === CORRELATION_HEADER)) {
        return String(headers[i + 1]);
      }
    }
    return undefined;
  }
  if (typeof headers === 'string') {
    const at = headers.toLowerCase().indexOf(`${CORRELATION_HEADER}:`);
    if (at === -1) return undefined;
    const end = headers.indexOf('\r\n', at);
    return headers.slice(at + CORRELATION_HEADER.length + 1, end === -1 ? undefined : end).trim();
  }
  return undefined;
}

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  diagnosticsChannel.subscribe('undici:request:create', (message) => {
    if (watchers.size === 0) return;
    const request = (message as { request?: { headers?: unknown } }).request;
    if (!request) return;
    const id = headerValue(request.headers);
    const watcher = id === undefined ? undefined : watchers.get(id);
    if (!watcher) return;
    byRequest.set(request, watcher);
    watcher.dispatched();
  });
  diagnosticsChannel.subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = message as { request?: object; socket?: object };
    const reused = socket !== undefined && usedSockets.has(socket);
    if (socket !== undefined) usedSockets.add(socket);
    if (request) byRequest.get(request)?.connected(reused);
  });
}

/**
 * Watches the connect phase of one request made with Node's built-in `fetch` (undici): undici's diagnostics
 * channels report when the request is created and when its headers are written to an open socket. The request
 * must carry the header {@link CORRELATION_HEADER} with value `id`. Returns a function that stops watching.
 * In runtimes or HTTP clients without these channels nothing is reported; callers must not assume otherwise.
 */
export function trackConnectPhase(id: string, watcher: ConnectPhaseWatcher): () => void {
  subscribe();
  watchers.set(id, watcher);
  return () => {
    watchers.delete(id);
  };
}
