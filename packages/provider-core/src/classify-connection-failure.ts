import { SamusError } from '@samus/kernel';
import { describeNetworkFailure, errorChain, errorCodes } from './error-chain.js';
import { OPENAI_COMPATIBLE_PROFILE, pointAtServerHint, serverLabel, type ServerProfile } from './server-profile.js';

/** Where a request that got no HTTP answer went. */
export interface ConnectionFailureContext {
  /** The full request URL. */
  url: string;
  /** The server address shown to the person (default: the URL's origin). */
  baseUrl?: string;
  /** The server kind (name, start command, variables); default: a generic OpenAI-compatible server. */
  profile?: ServerProfile;
  /**
   * Whether the request had been written to the connection when it failed. A request the server may have read
   * (and acted on) is not retried after a reset; `undefined` when unknown (treated as written).
   */
  requestWritten?: boolean | undefined;
}

const NOT_RUNNING = new Set(['ECONNREFUSED', 'EAFNOSUPPORT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const NO_SUCH_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const RESET = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const TLS_AGAINST_PLAIN = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'EPROTO']);
const CERTIFICATE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

function where(profile: ServerProfile): string {
  return profile.baseUrlEnv && profile.baseUrlEnv.length > 0 ? `${profile.baseUrlEnv.join(' / ')} or options.baseUrl` : 'the base URL';
}

/**
 * The one classifier of requests that got no HTTP answer, for every HTTP path of every package (generation, native
 * APIs, admin, probes): socket codes anywhere along the `cause` chain decide the code, the profile only words the
 * message and hint.
 *
 * | what happened | code |
 * |---|---|
 * | unknown host (`ENOTFOUND`, `EAI_*`) | `SAMUS_ERR_WRONG_BASE_URL` |
 * | TLS spoken to a plain-HTTP port (`https://` against HTTP), certificate refused | `SAMUS_ERR_WRONG_BASE_URL` |
 * | the peer does not speak HTTP (`HPE_*`) | `SAMUS_ERR_WRONG_BASE_URL` |
 * | the HTTP client's own connect timeout | `SAMUS_ERR_TIMEOUT` (`connect`, retryable) |
 * | the HTTP client's own headers / body timeout | `SAMUS_ERR_TIMEOUT` (`first-byte` / `idle`) |
 * | reset / closed (`ECONNRESET`, `UND_ERR_SOCKET`, `EPIPE`) | `SAMUS_ERR_SERVER_ERROR`, retryable only when the request was not written |
 * | refused / unreachable (`ECONNREFUSED`, `EHOSTUNREACH`…) | `SAMUS_ERR_SERVER_NOT_RUNNING` with the start hint |
 * | anything else | `SAMUS_ERR_SERVER_NOT_RUNNING` with the cause attached |
 *
 * A `SamusError` is returned unchanged.
 */
export function classifyConnectionFailure(error: unknown, context: ConnectionFailureContext): SamusError {
  if (SamusError.is(error)) return error;
  const profile = context.profile ?? OPENAI_COMPATIBLE_PROFILE;
  const baseUrl = context.baseUrl ?? safeOrigin(context.url);
  const codes = errorCodes(error);
  const details = { provider: profile.provider, url: context.url, baseUrl, errorCodes: codes };
  const name = serverLabel(profile, baseUrl);
  const has = (set: ReadonlySet<string>): string | undefined => codes.find((code) => set.has(code));
  const noHost = has(NO_SUCH_HOST);
  if (noHost) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `The host "${hostOf(baseUrl)}" of ${baseUrl} cannot be resolved (${noHost})`, {
      hint: `Check the host name in ${where(profile)} (for a server on this machine use 127.0.0.1 or localhost).`,
      cause: error,
      details,
    });
  }
  const tls = has(TLS_AGAINST_PLAIN) ?? (messagesOf(error).some((text) => /wrong version number|packet length too long|http request/i.test(text)) ? 'ERR_SSL_WRONG_VERSION_NUMBER' : undefined);
  if (tls && baseUrl.startsWith('https:')) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${baseUrl} does not speak TLS (${tls}): the server answers plain HTTP`, {
      hint: `Use ${baseUrl.replace(/^https:/, 'http:')} in ${where(profile)}.`,
      cause: error,
      details,
    });
  }
  const certificate = codes.find((code) => CERTIFICATE.test(code));
  if (certificate) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `The TLS certificate of ${baseUrl} was refused (${certificate})`, {
      hint: 'Use the certificate authority of that server (NODE_EXTRA_CA_CERTS=<file>), or connect over plain http:// on loopback.',
      cause: error,
      details,
    });
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return new SamusError('SAMUS_ERR_TIMEOUT', `Could not connect to ${name} in time (connect timeout)`, {
      cause: error,
      retryable: true,
      details: { ...details, phase: 'connect' },
    });
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new SamusError('SAMUS_ERR_TIMEOUT', `${name} sent no response headers in time (the HTTP client's own headers timeout)`, {
      hint: "Node's fetch waits at most 300 s for headers; a longer model load needs a custom fetch with a larger undici headersTimeout.",
      cause: error,
      retryable: false,
      details: { ...details, phase: 'first-byte' },
    });
  }
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return new SamusError('SAMUS_ERR_TIMEOUT', `${name} stopped sending data (the HTTP client's own body timeout)`, {
      cause: error,
      retryable: false,
      details: { ...details, phase: 'idle' },
    });
  }
  if (codes.includes('HTTPParserError') || codes.some((code) => code.startsWith('HPE_'))) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${baseUrl} does not answer HTTP: another kind of server listens on that port`, {
      hint: `${pointAtServerHint(profile, where(profile))}.`,
      cause: error,
      details,
    });
  }
  const reset = has(RESET);
  if (reset) {
    const written = context.requestWritten !== false;
    return new SamusError('SAMUS_ERR_SERVER_ERROR', `${name} closed the connection before answering (${reset})`, {
      hint: `The server may have crashed or restarted${profile.logHint ? `: ${profile.logHint}` : ': check its log'}, then retry.`,
      cause: error,
      // A request the server may have read is not sent again: it may already be running.
      retryable: !written,
      details: { ...details, requestWritten: written },
    });
  }
  const refused = has(NOT_RUNNING);
  const startHint = `Start ${profile.name === 'the server' ? 'the server' : profile.name}${profile.startCommand ? ` (${profile.startCommand})` : ''}, or point ${where(profile)} at the machine and port where it listens (now ${baseUrl}).`;
  if (refused) {
    return new SamusError(
      'SAMUS_ERR_SERVER_NOT_RUNNING',
      profile.name === 'the server'
        ? `No server is listening at ${baseUrl} (${refused})`
        : `${profile.name} is not running at ${baseUrl}${profile.startCommand ? ` — start it with ${profile.startCommand}` : ` (${refused})`}`,
      { hint: startHint, cause: error, details },
    );
  }
  return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `Could not reach ${name}: ${describeNetworkFailure(error)}${codes.length ? ` (${codes.join(', ')})` : ''}`, {
    hint: startHint,
    cause: error,
    details,
  });
}

function messagesOf(error: unknown): string[] {
  return errorChain(error)
    .map((entry) => (entry as { message?: unknown }).message)
    .filter((message): message is string => typeof message === 'string');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
