import { type Schema } from '@samus/kernel';

const INTEGER_FIELDS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'] as const;

/**
 * Converts a Gemini `Schema` (upper-case `Type` names, integer limits as strings, `nullable`) into JSON Schema
 * for OpenAI-compatible servers. Lower-case types are accepted; unknown fields are dropped; values that already
 * look like JSON Schema pass through the same way.
 */
export function geminiSchemaToJsonSchema(schema: Schema | undefined): Record<string, unknown> {
  if (schema === undefined || schema === null || typeof schema !== 'object') return {};
  const out: Record<string, unknown> = {};
  const type = typeof schema.type === 'string' ? schema.type.toLowerCase() : undefined;
  if (type !== undefined && type !== 'type_unspecified') out['type'] = schema.nullable === true && type !== 'null' ? [type, 'null'] : type;
  if (schema.title !== undefined) out['title'] = schema.title;
  if (schema.description !== undefined) out['description'] = schema.description;
  if (schema.enum !== undefined) out['enum'] = schema.enum;
  if (schema.format !== undefined) out['format'] = schema.format;
  if (schema.pattern !== undefined) out['pattern'] = schema.pattern;
  if (schema.default !== undefined) out['default'] = schema.default;
  if (schema.minimum !== undefined) out['minimum'] = schema.minimum;
  if (schema.maximum !== undefined) out['maximum'] = schema.maximum;
  for (const field of INTEGER_FIELDS) {
    const value = schema[field];
    if (value !== undefined && value !== null && value !== '') out[field] = Number(value);
  }
  if (schema.items !== undefined) out['items'] = geminiSchemaToJsonSchema(schema.items);
  if (schema.properties !== undefined) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties)) properties[key] = geminiSchemaToJsonSchema(value);
    out['properties'] = properties;
  }
  if (schema.required !== undefined) out['required'] = schema.required;
  if (schema.anyOf !== undefined) out['anyOf'] = schema.anyOf.map((inner) => geminiSchemaToJsonSchema(inner));
  if (out['type'] === undefined && schema.nullable === true) out['nullable'] = true;
  return out;
}
