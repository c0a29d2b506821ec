import type { ServerResponse } from 'node:http';
import { abortableSleep, MockAbortedError, waitForAbort } from './abortable-sleep';
import { jsonHeaders, sseHeaders } from './express-headers';
import type { MockFaults } from './mock-faults';

/** Thrown after an injected `errorAfterChunks` fault ended the stream; the handler just stops. */
export class MockStreamEndedError extends Error {
  constructor() {
    super('mock stream ended by an injected error');
    this.name = 'MockStreamEndedError';
  }
}

/** Writes one response (JSON or SSE) while applying the active faults and token timing. */
export class ResponseChannel {
  private chunksWritten = 0;
  private malformedWritten = false;
  private streaming = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly faults: MockFaults,
    private readonly signal: AbortSignal,
    private readonly extraHeaders: readonly [string, string][],
    private readonly tokenDelayMs: number,
    private readonly jitter: () => number,
  ) {}

  /** True once the SSE headers went out. */
  get isStreaming(): boolean {
    return this.streaming;
  }

  /** Sends a complete JSON response with Express's headers. */
  async json(status: number, body: unknown): Promise<void> {
    const text = JSON.stringify(body);
    await this.beforeHeaders();
    const headers = jsonHeaders(text);
    const f = this.faults;
    let payload = text;
    if (f.malformedAfterChunks === 0) {
      payload = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      headers[2] = ['Content-Length', String(Buffer.byteLength(payload, 'utf8'))];
    }
    this.writeHead(status, headers);
    if (f.stallAfterChunks === 0) {
      this.res.flushHeaders();
      await waitForAbort(this.signal);
    }
    if (f.disconnectAfterChunks === 0) {
      await this.write(text.slice(0, Math.floor(text.length / 2)));
      this.destroy();
    }
    await this.write(payload);
    this.res.end();
  }

  /** Sends a non-JSON body (injected proxy-style errors). */
  async raw(status: number, contentType: string, body: string): Promise<void> {
    await this.beforeHeaders();
    this.writeHead(status, [
      ['X-Powered-By', 'Express'],
      ['Content-Type', contentType],
      ['Content-Length', String(Buffer.byteLength(body, 'utf8'))],
    ]);
    await this.write(body);
    this.res.end();
  }

  /** Sends a verbatim SSE body (scripted `raw` replies); only latency, header and fragment faults apply. */
  async rawSse(body: string): Promise<void> {
    await this.startSse();
    await this.write(body);
    this.res.end();
  }

  /** Sends the SSE response headers (after any header delay). */
  async startSse(): Promise<void> {
    await this.beforeHeaders();
    this.writeHead(200, sseHeaders());
    this.res.flushHeaders();
    this.streaming = true;
  }

  /** Waits the per-token delay (with deterministic jitter), plus the injected latency when `withLatency`. */
  async tokenPause(withLatency = true): Promise<void> {
    const delay = this.tokenDelayMs > 0 ? this.tokenDelayMs * (0.75 + this.jitter() * 0.5) : 0;
    await abortableSleep(delay + (withLatency ? (this.faults.latencyMs ?? 0) : 0), this.signal);
  }

  /** Writes one `data: <payload>\n\n` frame, applying chunk-counting faults first. */
  async event(payload: string): Promise<void> {
    await this.frame(`data: ${payload}\n\n`);
  }

  /** Writes one named SSE event `event: <name>\ndata: <payload>\n\n` (Responses, `/api/v1/chat`, Messages streams). */
  async namedEvent(name: string, payload: string): Promise<void> {
    await this.frame(`event: ${name}\ndata: ${payload}\n\n`);
  }

  private async frame(text: string): Promise<void> {
    const f = this.faults;
    const n = this.chunksWritten;
    if (f.disconnectAfterChunks === n) this.destroy();
    if (f.stallAfterChunks === n) await waitForAbort(this.signal);
    if (f.errorAfterChunks === n) {
      const error = { error: { message: 'Injected fault: error inside the stream', type: 'server_error', param: null, code: null } };
      await this.write(`data: ${JSON.stringify(error)}\n\n`);
      this.res.end();
      throw new MockStreamEndedError();
    }
    if (f.malformedAfterChunks === n && !this.malformedWritten) {
      this.malformedWritten = true;
      await this.write('data: {"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"delta":{"content":\n\n');
    }
    await this.write(text);
    this.chunksWritten++;
  }

  /** Ends the SSE stream (the caller writes `data: [DONE]` first). */
  endSse(): void {
    this.res.end();
  }

  private async beforeHeaders(): Promise<void> {
    const delay = this.faults.slowHeadersMs;
    if (delay === undefined) return;
    if (delay < 0) await waitForAbort(this.signal);
    await abortableSleep(delay, this.signal);
  }

  private writeHead(status: number, headers: readonly [string, string][]): void {
    for (const [name, value] of headers) this.res.setHeader(name, value);
    for (const [name, value] of this.extraHeaders) this.res.setHeader(name, value);
    this.res.writeHead(status);
  }

  private async write(text: string): Promise<void> {
    if (this.signal.aborted) throw new MockAbortedError();
    const size = this.faults.fragmentBytes;
    if (size === undefined || size <= 0) {
      await this.flushWrite(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; offset += size) {
      await this.flushWrite(bytes.subarray(offset, offset + size));
      // A short pause so the pieces leave as separate TCP segments instead of being coalesced.
      await abortableSleep(1, this.signal);
    }
  }

  /** Writes and waits until the data reached the socket (so a following injected disconnect cannot drop it). */
  private flushWrite(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.res.write(data, (error) => (error ? reject(new MockAbortedError()) : resolve()));
    });
  }

  private destroy(): never {
    this.res.socket?.destroy();
    this.res.destroy();
    throw new MockAbortedError();
  }
}
