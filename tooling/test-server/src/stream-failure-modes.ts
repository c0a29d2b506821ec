import type { ServerResponse } from 'node:http';
import type { FailureMode, StartedFailure } from './failure-modes.js';
import { startTestServer, type RecordedRequest } from './test-server.js';

/** One step of a scripted stream, written in the wire format the request's path expects. */
export type StreamStep =
  | { text: string }
  | { error: string }
  | { raw: string }
  | { finish: true }
  | { wait: number }
  | { reset: true }
  | { stall: true }
  | { endless: true };

/** NDJSON (Ollama's native `/api/*`) or SSE (OpenAI-compatible `/v1/*`), by the request path. */
function ndjson(request: RecordedRequest): boolean {
  return request.path.startsWith('/api/chat') || request.path.startsWith('/api/generate');
}

function chunk(request: RecordedRequest, step: { text: string } | { error: string } | { finish: true }): string {
  if (ndjson(request)) {
    if ('error' in step) return `${JSON.stringify({ error: step.error })}\n`;
    if ('finish' in step) return `${JSON.stringify({ model: 'm', created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 2, prompt_eval_count: 3 })}\n`;
    return `${JSON.stringify({ model: 'm', created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: step.text }, done: false })}\n`;
  }
  if ('error' in step) return `data: ${JSON.stringify({ error: { message: step.error, type: 'server_error' } })}\n\n`;
  if ('finish' in step) return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: step.text }, finish_reason: null }] })}\n\n`;
}

async function play(request: RecordedRequest, response: ServerResponse, steps: readonly StreamStep[], timers: Set<ReturnType<typeof setTimeout>>): Promise<void> {
  response.writeHead(200, { 'content-type': ndjson(request) ? 'application/x-ndjson' : 'text/event-stream' });
  for (const step of steps) {
    if (response.destroyed) return;
    if ('wait' in step) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, step.wait);
        timers.add(timer);
      });
    } else if ('reset' in step) {
      response.socket?.resetAndDestroy();
      return;
    } else if ('stall' in step) {
      return;
    } else if ('endless' in step) {
      // Until the client closes the connection (bounded by the client's output cap), never more than 64 MiB.
      let written = 0;
      const write = (): void => {
        while (!response.destroyed && written < 64 * 1024 * 1024) {
          const line = chunk(request, { text: 'and on ' });
          written += line.length;
          if (!response.write(line)) {
            response.once('drain', write);
            return;
          }
        }
        if (!response.destroyed) response.end();
      };
      write();
      return;
    } else if ('raw' in step) {
      response.write(step.raw);
    } else {
      response.write(chunk(request, step));
    }
  }
  response.end();
}

/** A server that streams `steps` to a streaming request; other requests get a plain error. */
function streaming(steps: readonly StreamStep[]): () => Promise<StartedFailure> {
  return async () => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const server = await startTestServer((request, response) => {
      void play(request, response, steps, timers);
    });
    return {
      baseUrl: server.url,
      requests: () => server.requests.length,
      close: async () => {
        for (const timer of timers) clearTimeout(timer);
        await server.close();
      },
    };
  };
}

const STREAM: FailureMode['paths'] = ['generateContentStream'];
const BIG = 'x'.repeat(9 * 1024 * 1024);

/** Faults of a 200 stream, before and after output, in each server's wire format (checked on the streaming path). */
export const STREAM_FAILURE_MODES: readonly FailureMode[] = [
  { id: 'stream-error-before-output', description: 'an error object is the first thing in the 200 stream', code: 'SAMUS_ERR_SERVER_ERROR', paths: STREAM, start: streaming([{ error: 'something broke' }]) },
  { id: 'stream-error-after-output', description: 'an error object after output started', code: 'SAMUS_ERR_STREAM_INTERRUPTED', paths: STREAM, start: streaming([{ text: 'Hello ' }, { error: 'something broke' }]) },
  { id: 'stream-oom-after-output', description: '"CUDA error: out of memory" after output started', code: 'SAMUS_ERR_STREAM_INTERRUPTED', paths: STREAM, start: streaming([{ text: 'Hello ' }, { error: 'CUDA error: out of memory' }]) },
  { id: 'stream-context-before-output', description: 'a context overflow reported inside the stream, before output', code: 'SAMUS_ERR_CONTEXT_OVERFLOW', paths: STREAM, start: streaming([{ error: 'input length exceeds maximum context length' }]) },
  { id: 'stream-memory-before-output', description: 'a memory failure reported inside the stream, before output', code: 'SAMUS_ERR_INSUFFICIENT_MEMORY', paths: STREAM, start: streaming([{ error: 'model requires more system memory (8.0 GiB) than is available (2.1 GiB)' }]) },
  { id: 'stream-half-event-before-output', description: 'half an event, then the connection closes, before output', code: 'SAMUS_ERR_SERVER_ERROR', paths: STREAM, start: streaming([{ raw: 'data: {"id":"c","choi' }]) },
  { id: 'stream-half-event-after-output', description: 'half an event, then the connection closes, after output', code: 'SAMUS_ERR_STREAM_INTERRUPTED', paths: STREAM, start: streaming([{ text: 'Hello ' }, { raw: '{"model":"m","mess' }]) },
  { id: 'stream-end-without-finish', description: 'the stream ends cleanly after output, without a finish', code: 'SAMUS_ERR_STREAM_INTERRUPTED', paths: STREAM, start: streaming([{ text: 'Hello ' }, { text: 'world' }]) },
  { id: 'stream-reset-after-output', description: 'the connection is reset after output started', code: 'SAMUS_ERR_STREAM_INTERRUPTED', paths: STREAM, start: streaming([{ text: 'Hello ' }, { wait: 30 }, { reset: true }]) },
  { id: 'stream-stall-after-output', description: 'the stream goes silent after output started', code: 'SAMUS_ERR_TIMEOUT', paths: STREAM, timeouts: { idleMs: 200 }, start: streaming([{ text: 'Hello ' }, { stall: true }]) },
  { id: 'stream-invalid-json', description: 'a line that is not JSON, before output', code: 'SAMUS_ERR_INVALID_RESPONSE', paths: STREAM, start: streaming([{ raw: 'data: {not json}\n\n{not json}\n' }]) },
  { id: 'stream-giant-line', description: 'a 9 MiB line without a break', code: 'SAMUS_ERR_LIMIT_EXCEEDED', paths: STREAM, start: streaming([{ raw: BIG }]) },
  {
    id: 'stream-endless',
    description: 'a stream that never ends, with maxOutputTokens 5 (cut off by the output cap)',
    code: 'SAMUS_ERR_LIMIT_EXCEEDED',
    paths: STREAM,
    requestConfig: { maxOutputTokens: 5 },
    start: streaming([{ endless: true }]),
  },
];
