import { normalizeBaseUrl } from '@samus/kernel';

/** Default LM Studio port (`lms server start` without `--port`). */
export const LM_STUDIO_DEFAULT_PORT = 1234;

/** The two bases an LM Studio client needs. */
export interface LMStudioUrls {
  /** Server root, for `/api/v0`, `/api/v1` and `/lmstudio-greeting` (e.g. `http://127.0.0.1:1234`). */
  root: string;
  /** OpenAI-compatible base, always the root plus `/v1` (e.g. `http://127.0.0.1:1234/v1`). */
  openAI: string;
}

const API_SUFFIXES = ['/api/v0', '/api/v1', '/v1'];

function stripApiSuffixes(value: string): string {
  let result = value.replace(/\/+$/, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of API_SUFFIXES) {
      if (result.endsWith(suffix)) {
        result = result.slice(0, -suffix.length).replace(/\/+$/, '');
        changed = true;
      }
    }
  }
  return result;
}

/**
 * Derives both bases from whatever the user typed: with or without `/v1`, with a pasted `/api/v0` or
 * `/api/v1`, a trailing slash, `0.0.0.0` or a bare `host:port`. LM Studio answers **200** with an error body on
 * paths it does not know, so sending OpenAI requests to the root would fail silently: the OpenAI base always
 * gets exactly one `/v1`.
 */
export function lmStudioUrls(baseUrl: string): LMStudioUrls {
  const root = stripApiSuffixes(normalizeBaseUrl(stripApiSuffixes(baseUrl.trim()), { defaultPort: LM_STUDIO_DEFAULT_PORT, source: 'LM Studio baseUrl' }));
  return { root, openAI: `${root}/v1` };
}
