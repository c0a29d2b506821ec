import type { Schema } from '@samus/kernel';
import { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';
import type { ChatRequestBody } from './generator-hooks.js';
import type { OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';

/** `response_format` for the requested output type. */
export function responseFormatFor(mimeType: string | undefined, jsonSchema: unknown, schema: unknown, capabilities: Readonly<OpenAICompatibleCapabilities>): ChatRequestBody['response_format'] {
  const wantsJson = mimeType === 'application/json';
  let resolved: unknown;
  // Lowered to JSON Schema either way: hosts write responseJsonSchema with Gemini Type names (Type.OBJECT) too.
  if (jsonSchema !== undefined && jsonSchema !== null) resolved = toJsonSchema(jsonSchema, 'responseJsonSchema');
  else if (schema !== undefined && schema !== null && (wantsJson || mimeType === undefined)) resolved = geminiSchemaToJsonSchema(schema as Schema, 'responseSchema');
  if (resolved !== undefined) {
    return { type: 'json_schema', json_schema: { name: 'response', schema: resolved as Record<string, unknown> } };
  }
  if (!wantsJson) return undefined;
  if (capabilities.jsonObjectResponseFormat) return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } };
}
