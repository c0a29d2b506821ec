import type { SamusError } from '@samus/kernel';
import type { StreamSummary } from './response-stream.js';

/** An error body as a server sent it, read by {@link ServerProfile.parseErrorBody}. */
export interface ServerErrorBody {
  /** The human-readable message. */
  message: string;
  /** A type such as `invalid_request_error`, `model_not_found`. */
  type?: string;
  /** A code such as `model_not_found`, `invalid_api_key`. */
  code?: string;
  /** The parameter the error is about. */
  param?: string;
}

/** A failed answer (an HTTP status ≥ 300, an `{error}` body sent with 200, or an error object inside a stream). */
export interface ServerAnswer {
  /** The HTTP status; `undefined` for an error object inside a 200 stream. */
  status: number | undefined;
  /** The server's message (secrets already removed). */
  message: string;
  /** The body: parsed JSON, else the text (secrets already removed). */
  body: unknown;
  /** The body as the profile's parser read it, when it had a recognised error shape. */
  parsed: ServerErrorBody | undefined;
  /** Where the request went. */
  url: string;
  /** The server address shown to the person. */
  baseUrl: string;
  /** `POST /api/chat`. */
  endpoint: string;
  /** The model the request was about. */
  model: string | undefined;
  /** Whether a credential was sent with the request (changes the 401 hint). */
  credentialSent: boolean;
}

/**
 * How one kind of server differs in what its failures look like: its name, how to start it, how its error bodies
 * read and which of its messages mean what. The transport's one classifier ({@link classifyAnswer},
 * {@link classifyConnectionFailure}) applies the same rules to every server and asks the profile only for these.
 */
export interface ServerProfile {
  /** Provider id in error details and events, e.g. `ollama`. */
  provider: string;
  /** The server's name in messages: `Ollama`, `LM Studio`, `the server`. */
  name: string;
  /** How to start the server, for "not running" hints: `` `ollama serve` ``. */
  startCommand?: string;
  /** The variables that set the base URL, for hints (`OLLAMA_BASE_URL`, `OLLAMA_HOST`). */
  baseUrlEnv?: readonly string[];
  /** The server's usual address, for hints. */
  defaultBaseUrl?: string;
  /** Where to read the server's log, for "failed internally" hints. */
  logHint?: string;
  /** How to supply a credential, for 401/403 hints. */
  credentialHint?: string;
  /** Reads the server's error message from a body (parsed JSON or text). Default: the OpenAI shapes. */
  parseErrorBody?: (body: unknown) => ServerErrorBody | undefined;
  /**
   * What this server's own messages mean: returns the error for a message only this server sends (with its own
   * fix hint), or `undefined` to leave the answer to the common rules. Must not throw.
   */
  explainAnswer?: (answer: ServerAnswer) => SamusError | undefined;
  /**
   * What a stream that ended properly means on this server: an error for a failure the server reports as an answer
   * (LM Studio's GGUF context overflow streams empty deltas and `stop`), `undefined` for a normal end. Must not throw.
   */
  checkStreamEnd?: (summary: StreamSummary, context: { model: string; url: string }) => SamusError | undefined;
  /**
   * The model that really answered, when the response's `model` names another one than was requested (spellings of
   * the same model are not a mismatch); reported as `answeredModel` on `response:finish`. Default: not checked.
   */
  answeredModel?: (requested: string, responseModel: unknown) => string | undefined;
}

/** How messages name the server: `Ollama at http://127.0.0.1:11434`, or only the address for a generic server. */
export function serverLabel(profile: ServerProfile, baseUrl: string): string {
  return profile.name === OPENAI_COMPATIBLE_PROFILE.name ? baseUrl : `${profile.name} at ${baseUrl}`;
}

/** How messages name the server's API: `Ollama's API`, or `the model API`. */
export function apiLabel(profile: ServerProfile): string {
  return profile.name === OPENAI_COMPATIBLE_PROFILE.name ? 'the model API' : `${profile.name}'s API`;
}

/**
 * The start of every "wrong address" hint: `Point <variables> at Ollama (default http://127.0.0.1:11434)`. `variables`
 * defaults to the profile's base-URL variables, else "the base URL".
 */
export function pointAtServerHint(profile: ServerProfile, variables = profile.baseUrlEnv?.length ? profile.baseUrlEnv.join(' / ') : 'the base URL'): string {
  const target = profile.name === OPENAI_COMPATIBLE_PROFILE.name ? 'the model server' : profile.name;
  return `Point ${variables} at ${target}${profile.defaultBaseUrl ? ` (default ${profile.defaultBaseUrl})` : ''}`;
}

/** The profile of a generic OpenAI-compatible server. */
export const OPENAI_COMPATIBLE_PROFILE: ServerProfile = {
  provider: 'openai',
  name: 'the server',
  baseUrlEnv: ['OPENAI_BASE_URL'],
  credentialHint: 'Set the API key the server expects (OPENAI_API_KEY or options.apiKey).',
};
