import { SamusError } from '@samus/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestDeadline } from './request-deadline.js';
import { sseHead, startServer, textChunk, type LoopbackServer } from './testing/loopback-server.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function fetchWith(deadline: RequestDeadline, url: string): Promise<Response> {
  return fetch(url, { headers: [deadline.header as [string, string]], signal: deadline.signal });
}

describe('RequestDeadline with plain fetch', () => {
  it('aborts slow headers with a first-byte SAMUS_ERR_TIMEOUT and closes the socket', async () => {
    const server = await startServer(() => undefined);
    servers.push(server);
    const closed = server.waitForSocketClose();
    const deadline = new RequestDeadline({ timeouts: { connectMs: 1_000, firstByteMs: 150 }, url: server.origin });
    await expect(fetchWith(deadline, server.origin)).rejects.toBeDefined();
    expect(deadline.error?.code).toBe('SAMUS_ERR_TIMEOUT');
    expect(deadline.error?.details['phase']).toBe('first-byte');
    await closed;
  });

  it('moves to the idle phase at the first byte and aborts a stalled body', async () => {
    const server = await startServer((_request, response) => {
      sseHead(response);
      response.write(textChunk('x'));
    });
    servers.push(server);
    const deadline = new RequestDeadline({ timeouts: { firstByteMs: 5_000, idleMs: 150 } });
    const response = await fetchWith(deadline, server.origin);
    const reader = response.body!.getReader();
    await reader.read();
    deadline.firstByte();
    expect(deadline.phase).toBe('idle');
    await expect(reader.read()).rejects.toBeDefined();
    expect(deadline.toError()?.details['phase']).toBe('idle');
  });

  it('turns a caller abort into SAMUS_ERR_ABORTED with the reason as cause', () => {
    const controller = new AbortController();
    const deadline = new RequestDeadline({ timeouts: {}, signal: controller.signal });
    controller.abort(new Error('user pressed Ctrl-C'));
    expect(deadline.signal.aborted).toBe(true);
    expect(SamusError.is(deadline.error, 'SAMUS_ERR_ABORTED')).toBe(true);
    expect((deadline.error?.cause as Error).message).toBe('user pressed Ctrl-C');
  });

  it('enforces totalMs from startedAt across attempts', async () => {
    const deadline = new RequestDeadline({ timeouts: { totalMs: 100 }, startedAt: performance.now() - 100 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deadline.error?.details['phase']).toBe('total');
  });

  it('does nothing after dispose()', async () => {
    const deadline = new RequestDeadline({ timeouts: { firstByteMs: 20, totalMs: 20 } });
    deadline.dispose();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(deadline.signal.aborted).toBe(false);
  });
});
