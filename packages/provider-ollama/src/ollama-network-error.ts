import { SamusError } from '@samus/kernel';
import { errorChain } from '@samus/provider-core';

/** The socket error codes (and the addresses tried) found anywhere in an error's cause chain. */
export function socketErrorCodes(error: unknown): { codes: string[]; addresses: string[] } {
  const codes: string[] = [];
  const addresses: string[] = [];
  for (const entry of errorChain(error)) {
    const record = entry as { code?: unknown; address?: unknown };
    if (typeof record.code === 'string') codes.push(record.code);
    if (typeof record.address === 'string') addresses.push(record.address);
  }
  return { codes, addresses };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Maps a failed connection to Ollama to a coded error with the fix: nothing listening → "Ollama is not running at
 * <url> — start it with `ollama serve`"; `localhost` that resolved only to `::1` while Ollama listens on IPv4 → use
 * 127.0.0.1; an unknown host name → `SAMUS_ERR_WRONG_BASE_URL`. Returns undefined when `error` is not a connection failure.
 */
export function mapOllamaNetworkError(error: unknown, baseUrl: string): SamusError | undefined {
  const { codes, addresses } = socketErrorCodes(error);
  const code = codes.find((value) => UNREACHABLE.has(value)) ?? codes.find((value) => value === 'ECONNRESET' || value === 'UND_ERR_SOCKET');
  if (code === undefined) return undefined;
  const url = new URL(baseUrl);
  const details = { provider: 'ollama', baseUrl, socketError: code, addresses };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `Cannot resolve the host "${url.hostname}" of the Ollama base URL ${baseUrl}`, {
      hint: 'Check the host name in OLLAMA_BASE_URL / OLLAMA_HOST (default http://127.0.0.1:11434).',
      cause: error,
      details,
    });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return new SamusError('SAMUS_ERR_SERVER_ERROR', `The connection to Ollama at ${baseUrl} was closed before an answer (${code})`, {
      hint: 'Ollama may have crashed or restarted: check its log, then retry.',
      retryable: true,
      cause: error,
      details,
    });
  }
  const triedOnlyIpv6 = url.hostname === 'localhost' && addresses.length > 0 && addresses.every((address) => address.includes(':'));
  if (triedOnlyIpv6) {
    return new SamusError(
      'SAMUS_ERR_SERVER_NOT_RUNNING',
      `Ollama is not reachable at ${baseUrl}: "localhost" resolved to ::1 (IPv6), where nothing listens; Ollama listens on 127.0.0.1 by default`,
      {
        hint: `Use http://127.0.0.1:${url.port || '11434'} as the base URL, or start Ollama with OLLAMA_HOST=[::]:${url.port || '11434'}.`,
        cause: error,
        details: { ...details, ipv6Only: true },
      },
    );
  }
  return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `Ollama is not running at ${baseUrl} — start it with \`ollama serve\``, {
    hint: `Start Ollama (\`ollama serve\`, or the desktop app), or point OLLAMA_BASE_URL / OLLAMA_HOST at the machine and port where it listens (now ${url.host}).`,
    cause: error,
    details,
  });
}
