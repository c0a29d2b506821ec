/**
 * The authentication / backend ids a content generator can be created for.
 * The kernel knows all ids; only a registered plugin can create generators for one.
 */
export const AuthType = {
  LOGIN_WITH_GOOGLE: 'oauth-personal',
  USE_GEMINI: 'gemini-api-key',
  USE_VERTEX_AI: 'vertex-ai',
  CLOUD_SHELL: 'cloud-shell',
  USE_OPENAI: 'openai',
  USE_OLLAMA: 'ollama',
  USE_LM_STUDIO: 'lm-studio',
} as const;

/** One of the values of {@link AuthType}, or a plugin-defined id (for example `discovery-pool`). */
export type AuthType = (typeof AuthType)[keyof typeof AuthType];

/** Every built-in auth type id. */
export const AUTH_TYPES: readonly AuthType[] = Object.values(AuthType);

/** True when `value` is one of the built-in auth type ids. */
export function isAuthType(value: unknown): value is AuthType {
  return typeof value === 'string' && (AUTH_TYPES as readonly string[]).includes(value);
}
