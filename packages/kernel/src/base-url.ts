import { SamusError } from './samus-error.js';

/** Options of {@link normalizeBaseUrl}. */
export interface NormalizeBaseUrlOptions {
  /** Port used when the value has neither a scheme nor a port (`OLLAMA_HOST=somehost`). */
  defaultPort?: number;
  /** Name of the option or variable the value came from, for error messages. */
  source?: string;
}

const WILDCARD_HOSTS: Record<string, string> = { '0.0.0.0': '127.0.0.1', '[::]': '[::1]', '': '127.0.0.1' };

/**
 * Normalises a server address the way users type it into an origin plus optional path prefix, without a
 * trailing slash and without a trailing `/v1` (providers add the API path they need):
 *
 * - `http://localhost:11434/v1/` → `http://localhost:11434`
 * - `0.0.0.0:11434`, `:11434` → `http://127.0.0.1:11434` (a listen address is not a place to connect to)
 * - `somehost` → `http://somehost:<defaultPort>`; `[::1]:1234`, `::1` → `http://[::1]:1234` / `http://[::1]:<defaultPort>`
 * - `https://example.test` keeps the scheme's own default port.
 *
 * `localhost` is kept as is: the HTTP client tries both its IPv4 and IPv6 addresses.
 * Throws `SAMUS_ERR_INVALID_CONFIG` for values that cannot be an HTTP address.
 */
export function normalizeBaseUrl(value: string, options: NormalizeBaseUrlOptions = {}): string {
  const source = options.source ?? 'baseUrl';
  const input = value.trim();
  // Credentials in a URL are secrets: never echo them.
  // Everything up to the last "@" is user information (a password may itself hold "/" or "@"), with or without a scheme.
  const shown = JSON.stringify(redactUserInfo(value));
  const invalid = (reason: string): SamusError =>
    new SamusError('SAMUS_ERR_INVALID_CONFIG', `${source} is not a usable server address (${shown}): ${reason}`, {
      hint: 'Use a form like http://127.0.0.1:11434, 127.0.0.1:11434 or :11434.',
      details: { field: source },
    });
  let withScheme: string;
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
  if (schemeMatch) {
    const scheme = schemeMatch[1]!.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') throw invalid(`unsupported scheme "${scheme}"`);
    withScheme = input;
  } else {
    let hostPort = input;
    let path = '';
    const slash = input.indexOf('/');
    if (slash >= 0) {
      hostPort = input.slice(0, slash);
      path = input.slice(slash);
    }
    // A bare IPv6 literal (`::1`, `fe80::1`) has colons but no brackets.
    if (hostPort.includes(':') && !hostPort.startsWith('[') && hostPort.indexOf(':') !== hostPort.lastIndexOf(':')) {
      hostPort = `[${hostPort}]`;
    }
    const portMatch = /^(.*):(\d*)$/.exec(hostPort);
    let host = portMatch && !hostPort.endsWith(']') ? portMatch[1]! : hostPort;
    let port = portMatch && !hostPort.endsWith(']') ? portMatch[2]! : '';
    if (portMatch && !hostPort.endsWith(']') && port === '') throw invalid('missing port after ":"');
    if (port === '') port = String(options.defaultPort ?? 80);
    host = WILDCARD_HOSTS[host] ?? host;
    withScheme = `http://${host}:${port}${path}`;
  }
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid('not a valid URL');
  }
  if (url.username || url.password) throw invalid('credentials in the URL are not supported; use the API key option');
  if (url.search || url.hash) throw invalid('query strings and fragments are not supported');
  const port = url.port === '' ? undefined : Number(url.port);
  if (port !== undefined && (port < 1 || port > 65_535)) throw invalid('port out of range');
  const hostname = WILDCARD_HOSTS[url.hostname] ?? url.hostname;
  let path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/v1')) path = path.slice(0, -3);
  return `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ''}${path}`;
}

/**
 * `value` with any user information (`user:password@`) replaced by `***@`, for messages: with or without a scheme,
 * and for passwords that contain `/` or `@` (everything before the last `@` of the address goes).
 */
export function redactUserInfo(value: string): string {
  if (!value.includes('@')) return value;
  const scheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  return `${scheme}***@${rest.slice(rest.lastIndexOf('@') + 1)}`;
}
