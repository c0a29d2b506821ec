import { SamusError } from '@samus/kernel';

const decoder = new TextDecoder();

/** The error for a body or line over a limit (the connection is closed by the caller). */
export function limitExceeded(limit: string, limitBytes: number, url: string, what: string): SamusError {
  return new SamusError('SAMUS_ERR_LIMIT_EXCEEDED', `${url} sent ${what} larger than ${limitBytes} bytes (limits.${limit})`, {
    details: { url, limit, limitBytes },
  });
}

/**
 * Reads a whole body as text, at most `maxBytes` of it: a larger body (declared by `Content-Length` or counted while
 * reading) cancels the read and throws `SAMUS_ERR_LIMIT_EXCEEDED`, so memory stays bounded whatever the server
 * sends. `onRead` is called for every read (the deadline's activity).
 */
export async function readBoundedText(response: Response, maxBytes: number, url: string, onRead?: () => void): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (maxBytes > 0 && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw limitExceeded('maxResponseBytes', maxBytes, url, 'a body');
  }
  const body = response.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onRead?.();
    total += value.byteLength;
    if (maxBytes > 0 && total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw limitExceeded('maxResponseBytes', maxBytes, url, 'a body');
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(all);
}
