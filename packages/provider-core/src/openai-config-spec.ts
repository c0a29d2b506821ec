import type { ConfigSpec } from '@samus/kernel';

/** How the `openai` auth type's config resolves: `OPENAI_BASE_URL` (required), `OPENAI_MODEL`, `OPENAI_UTILITY_MODEL`, `OPENAI_API_KEY`. */
export const OPENAI_CONFIG_SPEC: ConfigSpec = {
  baseUrlEnv: ['OPENAI_BASE_URL'],
  modelEnv: ['OPENAI_MODEL'],
  utilityModelEnv: ['OPENAI_UTILITY_MODEL'],
  apiKeyEnv: ['OPENAI_API_KEY'],
  defaultPort: 80,
  requiresBaseUrl: true,
};
