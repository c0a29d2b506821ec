import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobFileServer, startBlobFileServer } from './blob-file-server.js';

describe('startBlobFileServer', () => {
  let server: BlobFileServer;
  let base: string;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'samus-blobs-'));
    mkdirSync(join(root, 'served', 'docker', 'blobs'), { recursive: true });
    writeFileSync(join(root, 'served', 'docker', 'blobs', 'data'), '0123456789');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    server = await startBlobFileServer(join(root, 'served'));
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves a whole file', async () => {
    const response = await fetch(`${base}/docker/blobs/data`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('0123456789');
  });

  it('serves byte ranges with 206 and content-range', async () => {
    const response = await fetch(`${base}/docker/blobs/data`, { headers: { range: 'bytes=2-5' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await response.text()).toBe('2345');
    const tail = await fetch(`${base}/docker/blobs/data`, { headers: { range: 'bytes=7-' } });
    expect(await tail.text()).toBe('789');
  });

  it('answers 416 for a range past the end and 404 for missing or outside paths', async () => {
    expect((await fetch(`${base}/docker/blobs/data`, { headers: { range: 'bytes=20-30' } })).status).toBe(416);
    expect((await fetch(`${base}/docker/blobs/nope`)).status).toBe(404);
    expect((await fetch(`${base}/..%2Fsecret.txt`)).status).toBe(404);
  });
});
