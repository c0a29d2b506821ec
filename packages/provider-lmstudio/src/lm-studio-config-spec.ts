import type { ConfigSpec } from '@samus/kernel';

/**
 * How the `lm-studio` auth type's config resolves: `LM_STUDIO_BASE_URL` (default `http://localhost:1234`, with or
 * without `/v1`), `LM_STUDIO_MODEL` (default `local-model`), `LM_STUDIO_UTILITY_MODEL`, `LM_API_TOKEN`.
 */
export const LM_STUDIO_CONFIG_SPEC: ConfigSpec = {
  baseUrlEnv: ['LM_STUDIO_BASE_URL'],
  modelEnv: ['LM_STUDIO_MODEL'],
  utilityModelEnv: ['LM_STUDIO_UTILITY_MODEL'],
  apiKeyEnv: ['LM_API_TOKEN'],
  defaultBaseUrl: 'http://localhost:1234',
  defaultModel: 'local-model',
  defaultPort: 1234,
  requiresBaseUrl: true,
};
