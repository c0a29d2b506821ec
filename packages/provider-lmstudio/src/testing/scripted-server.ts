import { startTestServer, type RecordedRequest, type ScriptedAnswer } from '@samus/test-server';

export { closedPortUrl, type ScriptedAnswer } from '@samus/test-server';

/** One request a {@link ScriptedServer} received. */
export type ScriptedRequest = RecordedRequest;

/** A tiny in-process HTTP server on 127.0.0.1 for edge cases the mock does not emulate (`@samus/test-server`). */
export interface ScriptedServer {
  url: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}

/** Starts a server that answers every request with `handler(request)`; `undefined` leaves the request hanging. */
export async function startScriptedServer(handler: (request: ScriptedRequest) => ScriptedAnswer | undefined): Promise<ScriptedServer> {
  const server = await startTestServer((request) => handler(request));
  return { url: server.url, requests: server.requests, close: server.close };
}
