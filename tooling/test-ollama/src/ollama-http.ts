import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';

/** Polls `GET /api/version` until it answers (bounded); returns the version. */
export async function waitForOllamaVersion(baseUrl: string, timeoutMs: number, isAlive?: () => Promise<boolean>): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/version`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return ((await response.json()) as { version: string }).version;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (isAlive && !(await isAlive())) throw new Error(`the Ollama container exited before ${baseUrl}/api/version answered`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl}/api/version did not answer within ${Math.round(timeoutMs / 1000)}s (${last})`);
}

/** Uploads a file as a blob (`POST /api/blobs/sha256:<digest>`), skipping it when already present. */
export async function uploadBlob(baseUrl: string, digest: string, file: string, timeoutMs: number): Promise<void> {
  const head = await fetch(`${baseUrl}/api/blobs/${digest}`, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
  if (head.ok) return;
  await new Promise<void>((resolve, reject) => {
    const url = new URL(`${baseUrl}/api/blobs/${digest}`);
    const req = request(
      url,
      { method: 'POST', headers: { 'content-length': String(statSync(file).size), 'content-type': 'application/octet-stream' }, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => (res.statusCode === 201 || res.statusCode === 200 ? resolve() : reject(new Error(`blob upload answered ${res.statusCode}: ${body}`))));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`blob upload did not finish within ${Math.round(timeoutMs / 1000)}s`)));
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

/** Streams `POST /api/create`; calls `onStatus` per progress line; throws on an error line. */
export async function createModel(baseUrl: string, body: Record<string, unknown>, timeoutMs: number, onStatus: (status: string) => void): Promise<void> {
  const response = await fetch(`${baseUrl}/api/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = response.body ? response.body.pipeThrough(new TextDecoderStream()) : undefined;
  if (!response.ok && !text) throw new Error(`/api/create answered ${response.status}`);
  let buffer = '';
  let sawSuccess = false;
  const handle = (line: string): void => {
    if (!line.trim()) return;
    const event = JSON.parse(line) as { status?: string; error?: string };
    if (event.error) throw new Error(`/api/create: ${event.error}`);
    if (event.status === 'success') sawSuccess = true;
    if (event.status) onStatus(event.status);
  };
  if (text) {
    for await (const chunk of text) {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) handle(line);
    }
    handle(buffer);
  }
  if (!response.ok) throw new Error(`/api/create answered ${response.status}`);
  if (!sawSuccess) throw new Error('/api/create ended without "success"');
}

/** `POST /api/show` → capabilities and model_info. */
export async function showModel(baseUrl: string, model: string): Promise<{ capabilities?: string[]; model_info?: Record<string, unknown>; template?: string }> {
  const response = await fetch(`${baseUrl}/api/show`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`/api/show ${model} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { capabilities?: string[]; model_info?: Record<string, unknown> };
}
