import { normalizeBaseUrl } from './base-url.js';
import { BUILTIN_CONFIG_SPECS, type ConfigSpec, type EnvProviderOption } from './config-spec.js';
import { SamusError } from './samus-error.js';
import { apiKeyIssues, configIssues, timeoutIssues } from './validate-config.js';

/** A read-only view of environment variables (defaults to `process.env`, never written). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Per-phase timeouts in milliseconds; `0` disables a phase. */
export interface TimeoutConfig {
  /** Until the TCP connection is open. */
  connectMs: number;
  /** Until the response headers / first byte arrive: long enough for a model load. */
  firstByteMs: number;
  /** Longest time without progress (a complete line or event) between two reads of a body. */
  idleMs: number;
  /** Whole operation, retries included (default 30 min, so a body trickled forever still ends). */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<TimeoutConfig> = Object.freeze({
  connectMs: 5_000,
  firstByteMs: 300_000,
  idleMs: 60_000,
  totalMs: 1_800_000,
});

/** Where a resolved value came from. */
export type ConfigSource = 'option' | 'default' | `env:${string}`;

/**
 * How a generator treats `request.model` (see provider-core's `resolveRequestModel`):
 * - `auto` (default): an empty or hosted name (`gemini-*`, `auto-*`, `models/*`, the host aliases `auto`, `pro`,
 *   `flash`, `flash-lite`) is replaced by the configured model (by the utility model for a utility role, when one is
 *   configured); any other name is sent as the caller gave it.
 * - `configured`: always the configured model (the utility model for utility roles, when configured).
 * - `request`: always the name the caller gave (the configured model only when it gave none).
 */
export type RequestModelMode = 'auto' | 'configured' | 'request';

/** The resolved, validated configuration a plugin receives. */
export interface ContentGeneratorConfig {
  authType: string;
  model: string;
  /** Model for hosts' utility calls (role `utility_*`: compression, routing, next-speaker and loop checks…). */
  utilityModel?: string;
  /** How `request.model` is treated (see {@link RequestModelMode}); always set by `createContentGeneratorConfig`, absent = `auto`. */
  requestModel?: RequestModelMode;
  /** Normalised server address without `/v1` (see `normalizeBaseUrl`); absent for hosted Gemini types. */
  baseUrl?: string;
  apiKey?: string;
  timeouts: TimeoutConfig;
  /** Retries before the first token (connection refused, 429, 5xx); default 2. */
  maxRetries: number;
  headers: Record<string, string>;
  /**
   * Provider-specific options (for example Ollama `numCtx`, `keepAlive`, `think`). Entries the auth type's spec
   * maps to environment variables (`providerOptionsEnv`, e.g. `OLLAMA_CONTEXT_LENGTH`) are filled from them when
   * not given.
   */
  providerOptions: Record<string, unknown>;
  /**
   * Which option, variable or default each field came from (never the values of secrets); `providerOptions` lists
   * the entries that came from environment variables.
   */
  sources: Record<'model' | 'baseUrl' | 'apiKey' | 'utilityModel', ConfigSource | undefined> & {
    providerOptions?: Record<string, ConfigSource>;
  };
}

/** What a caller may pass; everything is optional and beats the environment. */
export interface ContentGeneratorConfigOptions {
  model?: string;
  /** Model for utility calls (beats `OLLAMA_UTILITY_MODEL` / `LM_STUDIO_UTILITY_MODEL` / `OPENAI_UTILITY_MODEL`). */
  utilityModel?: string;
  /** How `request.model` is treated (default `auto`). */
  requestModel?: RequestModelMode;
  baseUrl?: string;
  apiKey?: string;
  timeouts?: Partial<TimeoutConfig>;
  maxRetries?: number;
  headers?: Record<string, string>;
  providerOptions?: Record<string, unknown>;
  /** Environment to read instead of `process.env`. */
  env?: EnvSource;
  /** Resolution spec (the serving plugin's; `kernel.createContentGeneratorConfig` passes it). Default: the kernel's Gemini-side specs. */
  spec?: ConfigSpec;
}

/** What a plugin's `createAdmin` receives: where the server is and how to talk to it (no model). */
export interface AdminConfig {
  authType: string;
  /** Normalised server address without `/v1`. */
  baseUrl: string;
  apiKey?: string;
  headers: Record<string, string>;
  timeouts: TimeoutConfig;
}

/** What a caller may pass to `kernel.createAdmin`; each beats the environment, as for generators. */
export type AdminConfigOptions = Pick<ContentGeneratorConfigOptions, 'baseUrl' | 'apiKey' | 'timeouts' | 'headers' | 'env' | 'spec'>;


function pick(
  optionValue: string | undefined,
  envNames: readonly string[] | undefined,
  env: EnvSource,
  fallback: string | undefined,
): { value: string | undefined; source: ConfigSource | undefined } {
  if (optionValue !== undefined) return { value: optionValue, source: 'option' };
  for (const name of envNames ?? []) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { value, source: `env:${name}` };
  }
  return fallback === undefined ? { value: undefined, source: undefined } : { value: fallback, source: 'default' };
}

const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;

/** Parses one provider option from an environment variable's text; returns an error message when it is bad. */
function parseEnvOption(kind: EnvProviderOption['kind'], text: string): { value: unknown } | { problem: string } {
  const trimmed = text.trim();
  if (kind === 'positive-integer') {
    const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    return Number.isSafeInteger(value) && value >= 1 && value <= 10_000_000 ? { value } : { problem: 'must be a positive whole number of tokens (e.g. 8192)' };
  }
  if (/^[-+]?\d+$/.test(trimmed)) return { value: Number(trimmed) };
  if (trimmed === '0' || GO_DURATION.test(trimmed)) return { value: trimmed };
  return { problem: 'must be a duration with a unit ("30s", "5m", "1h30m") or a whole number of seconds ("3600", "-1")' };
}

function describeSource(field: string, source: ConfigSource | undefined): string {
  if (source?.startsWith('env:')) return `${field} (from ${source.slice(4)})`;
  if (source === 'option') return `${field} (from options.${field})`;
  return field;
}

function resolveBaseUrl(
  authType: string,
  spec: ConfigSpec,
  option: string | undefined,
  env: EnvSource,
  problems: string[],
): { value: string | undefined; source: ConfigSource | undefined } {
  const baseUrl = pick(option, spec.baseUrlEnv, env, spec.defaultBaseUrl);
  if (baseUrl.value !== undefined) {
    try {
      return {
        value: normalizeBaseUrl(baseUrl.value, {
          ...(spec.defaultPort === undefined ? {} : { defaultPort: spec.defaultPort }),
          source: describeSource('baseUrl', baseUrl.source),
        }),
        source: baseUrl.source,
      };
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  } else if (spec.requiresBaseUrl) {
    problems.push(`baseUrl is required for "${authType}": pass options.baseUrl${spec.baseUrlEnv?.length ? ` or set ${spec.baseUrlEnv.join(' / ')}` : ''}`);
  }
  return { value: undefined, source: baseUrl.source };
}

/**
 * Resolves where the server of `authType` is for admin calls (`kernel.createAdmin`): base URL and API key, explicit
 * option > environment variable > default, like {@link createContentGeneratorConfig}, with no model involved. A missing
 * or unusable base URL is a `SAMUS_ERR_INVALID_CONFIG` naming where it came from.
 */
export function createAdminConfig(authType: string, options: AdminConfigOptions = {}): AdminConfig {
  const env: EnvSource = options.env ?? process.env;
  const spec = options.spec ?? BUILTIN_CONFIG_SPECS[authType] ?? {};
  const problems: string[] = [];
  const baseUrl = resolveBaseUrl(authType, { ...spec, requiresBaseUrl: true }, options.baseUrl, env, problems);
  const apiKey = pick(options.apiKey, spec.apiKeyEnv, env, undefined);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  for (const issue of [...timeoutIssues(timeouts), ...apiKeyIssues(apiKey.value)]) {
    problems.push(`${describeSource(issue.path, issue.path === 'apiKey' ? apiKey.source : 'option')}: ${issue.message}`);
  }
  if (problems.length > 0 || baseUrl.value === undefined) {
    throw new SamusError('SAMUS_ERR_INVALID_CONFIG', `Invalid configuration for "${authType}":\n  - ${problems.join('\n  - ')}`, {
      details: { authType, problems },
    });
  }
  return {
    authType,
    baseUrl: baseUrl.value,
    ...(apiKey.value === undefined ? {} : { apiKey: apiKey.value }),
    headers: { ...options.headers },
    timeouts,
  };
}

/**
 * Resolves the configuration for `authType`: explicit option > environment variable > default, for every
 * field; validates it; collects every problem into one `SAMUS_ERR_INVALID_CONFIG` that names each bad field
 * and where its value came from. Reads `options.env` (or `process.env`) and never writes it.
 */
export function createContentGeneratorConfig(
  authType: string,
  options: ContentGeneratorConfigOptions = {},
): ContentGeneratorConfig {
  const env: EnvSource = options.env ?? process.env;
  const spec = options.spec ?? BUILTIN_CONFIG_SPECS[authType] ?? {};
  const problems: string[] = [];

  const model = pick(options.model, spec.modelEnv, env, spec.defaultModel);
  const apiKey = pick(options.apiKey, spec.apiKeyEnv, env, undefined);
  const utilityModel = pick(options.utilityModel, spec.utilityModelEnv, env, undefined);
  const hints: string[] = [];

  const providerOptions: Record<string, unknown> = { ...options.providerOptions };
  const providerOptionSources: Record<string, ConfigSource> = {};
  for (const [name, entry] of Object.entries(spec.providerOptionsEnv ?? {})) {
    if (providerOptions[name] !== undefined) continue;
    const fromEnv = pick(undefined, entry.env, env, undefined);
    if (fromEnv.value === undefined || fromEnv.source === undefined) continue;
    const parsed = parseEnvOption(entry.kind, fromEnv.value);
    if ('problem' in parsed) {
      // Never echo the value: name the variable and the expected form.
      problems.push(`providerOptions.${name} (from ${fromEnv.source.slice(4)}): ${parsed.problem}`);
      if (entry.hint) hints.push(entry.hint);
      continue;
    }
    providerOptions[name] = parsed.value;
    providerOptionSources[name] = fromEnv.source;
  }

  const resolvedBaseUrl = resolveBaseUrl(authType, spec, options.baseUrl, env, problems);
  const normalizedBaseUrl = resolvedBaseUrl.value;
  if (model.value === undefined) {
    problems.push(`model is required for "${authType}": pass options.model${spec.modelEnv?.length ? ` or set ${spec.modelEnv.join(' / ')}` : ''}`);
  }

  const candidate = {
    authType,
    model: model.value ?? 'unset',
    ...(utilityModel.value === undefined ? {} : { utilityModel: utilityModel.value }),
    requestModel: options.requestModel ?? 'auto',
    baseUrl: normalizedBaseUrl,
    apiKey: apiKey.value,
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    maxRetries: options.maxRetries ?? 2,
    headers: { ...options.headers },
    providerOptions,
  };
  for (const issue of configIssues(candidate)) {
    {
      const field = issue.path;
      const top = field.split('.')[0];
      const source =
        top === 'model' ? model.source : top === 'utilityModel' ? utilityModel.source : top === 'apiKey' ? apiKey.source : top === 'baseUrl' ? resolvedBaseUrl.source : 'option';
      // Never echo a value: the message says which field and where it came from, not what it was.
      problems.push(`${describeSource(field, source)}: ${issue.message}`);
    }
  }
  if (problems.length > 0) {
    throw new SamusError('SAMUS_ERR_INVALID_CONFIG', `Invalid configuration for "${authType}":\n  - ${problems.join('\n  - ')}`, {
      // One bad environment variable gets its own fix; several get the catalogue's "fix the listed…".
      ...(problems.length === 1 && hints.length === 1 ? { hint: hints[0]! } : {}),
      details: { authType, problems },
    });
  }
  const config: ContentGeneratorConfig = {
    ...(candidate as Omit<ContentGeneratorConfig, 'sources'>),
    model: candidate.model.trim(),
    ...(candidate.utilityModel === undefined ? {} : { utilityModel: candidate.utilityModel.trim() }),
    sources: {
      model: model.source,
      baseUrl: resolvedBaseUrl.source,
      apiKey: apiKey.source,
      utilityModel: utilityModel.source,
      ...(Object.keys(providerOptionSources).length === 0 ? {} : { providerOptions: providerOptionSources }),
    },
  };
  if (config.baseUrl === undefined) delete config.baseUrl;
  if (config.utilityModel === undefined) delete config.utilityModel;
  if (config.apiKey === undefined) delete config.apiKey;
  return config;
}
