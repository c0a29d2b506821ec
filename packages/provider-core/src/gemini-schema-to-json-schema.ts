import { SamusError, type Schema } from '@samus/kernel';
import { conversionDebug } from './conversion-debug.js';

/** JSON Schema's type names; Gemini's `Type` enum values are the same names in upper case. */
const TYPE_NAMES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

/** Keywords whose value must be an integer; Gemini's `Schema` carries them as (int64) strings. */
const INTEGER_KEYWORDS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);

/** Keywords whose value must be a number; hosts and MCP servers send them as strings too (`"minimum": "0"`). */
const NUMBER_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

/** Keywords holding one subschema. */
const SUBSCHEMA_KEYWORDS = new Set([
  'items',
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);

/** Keywords holding a list of subschemas. */
const SUBSCHEMA_LIST_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);

/** Keywords holding a map of name → subschema. */
const SUBSCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Gemini-only keywords that JSON Schema has no use for (dropped). */
const GEMINI_ONLY_DROPPED = new Set(['propertyOrdering']);

const TYPE_HINT = 'Use JSON Schema types (string, number, integer, boolean, array, object, null) or the Gemini Type names (Type.STRING, Type.OBJECT, …).';

/**
 * Lowers a schema written with Gemini conventions into plain JSON Schema, for every server that takes JSON Schema
 * (OpenAI-compatible `response_format` and `tools`, Ollama `format` and `tools`):
 *
 * - `type` names in upper case (`@google/genai`'s `Type.OBJECT`, `Type.STRING`, …) become lower case, also inside
 *   type lists; `TYPE_UNSPECIFIED` is dropped;
 * - `nullable: true` becomes a `"null"` member of `type` (or an `anyOf` branch `{ "type": "null" }`); `nullable`
 *   itself is never sent;
 * - `propertyOrdering` is dropped; `example` becomes `examples: [example]`;
 * - numeric limits given as strings (`minItems: "1"`, `minimum: "0"`) become numbers; a limit that is no number at
 *   all (`minimum: "10px"`) is left out (a `samus:conversion` debug event names it);
 * - nested schemas are lowered the same way (`properties`, `items`, `anyOf`/`oneOf`/`allOf`, `$defs`,
 *   `additionalProperties`, …); every other keyword (`enum`, `const`, `default`, `$ref`, …) passes through as is.
 *
 * A schema that is already JSON Schema comes out equal. `where` names the field in error messages
 * (`responseJsonSchema`, `tools[get_weather].parametersJsonSchema`). Throws `SAMUS_ERR_INVALID_REQUEST` when the
 * schema is not an object or names an unknown type.
 */
export function toJsonSchema(schema: unknown, where: string): Record<string, unknown> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw invalidSchema(where, `must be a JSON Schema object, got ${describe(schema)}`, 'Pass an object such as { type: "object", properties: { … } } (Gemini Type names are fine).');
  }
  return lowerObject(schema as Record<string, unknown>, where, '');
}

/**
 * Converts a Gemini `Schema` (upper-case `Type` names, integer limits as strings, `nullable`,
 * `propertyOrdering`) into JSON Schema; see {@link toJsonSchema}. `undefined` gives `{}`.
 */
export function geminiSchemaToJsonSchema(schema: Schema | undefined, where = 'schema'): Record<string, unknown> {
  if (schema === undefined || schema === null) return {};
  return toJsonSchema(schema, where);
}

function lowerSchema(schema: unknown, where: string, path: string): unknown {
  // `true` / `false` are valid subschemas in JSON Schema.
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw invalidSchema(where, `has ${describe(schema)} where a schema belongs${at(path)}`, 'Every nested schema (properties, items, anyOf, …) must be an object.');
  }
  return lowerObject(schema as Record<string, unknown>, where, path);
}

function lowerObject(schema: Record<string, unknown>, where: string, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === 'type') {
      const type = lowerType(value, where, path);
      if (type !== undefined) out['type'] = type;
    } else if (key === 'nullable' || GEMINI_ONLY_DROPPED.has(key)) {
      continue;
    } else if (key === 'example') {
      if (schema['examples'] === undefined) out['examples'] = [value];
    } else if (INTEGER_KEYWORDS.has(key) || NUMBER_KEYWORDS.has(key)) {
      const number = numericValue(value, key);
      if (number === undefined) conversionDebug('schema:constraint-dropped', { where, path: `${path}.${key}`.slice(1), value });
      else out[key] = number;
    } else if (SUBSCHEMA_KEYWORDS.has(key)) {
      // Draft-07 tuple `items: [...]` is a list of schemas.
      out[key] = Array.isArray(value) ? value.map((inner, index) => lowerSchema(inner, where, `${path}.${key}[${index}]`)) : lowerSchema(value, where, `${path}.${key}`);
    } else if (SUBSCHEMA_LIST_KEYWORDS.has(key)) {
      if (!Array.isArray(value)) throw invalidSchema(where, `has "${key}" that is not a list of schemas${at(path)}`, `Write ${key}: [{ … }, { … }].`);
      out[key] = value.map((inner, index) => lowerSchema(inner, where, `${path}.${key}[${index}]`));
    } else if (SUBSCHEMA_MAP_KEYWORDS.has(key)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw invalidSchema(where, `has "${key}" that is not an object of schemas${at(path)}`, `Write ${key}: { name: { type: "string" } }.`);
      }
      const map: Record<string, unknown> = {};
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) map[name] = lowerSchema(inner, where, `${path}.${key}.${name}`);
      out[key] = map;
    } else {
      out[key] = value;
    }
  }
  if (schema['nullable'] === true) addNull(out);
  return out;
}

function lowerType(value: unknown, where: string, path: string): string | string[] | undefined {
  if (typeof value === 'string') return lowerTypeName(value, where, path);
  if (Array.isArray(value)) {
    const names: string[] = [];
    for (const entry of value) {
      if (typeof entry !== 'string') throw invalidSchema(where, `has a type list with ${describe(entry)} in it${at(path)}`, TYPE_HINT);
      const name = lowerTypeName(entry, where, path);
      if (name !== undefined && !names.includes(name)) names.push(name);
    }
    return names.length === 0 ? undefined : names.length === 1 ? names[0] : names;
  }
  throw invalidSchema(where, `has a type that is ${describe(value)}, not a type name${at(path)}`, TYPE_HINT);
}

function lowerTypeName(name: string, where: string, path: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'type_unspecified') return undefined;
  if (!TYPE_NAMES.has(lower)) throw invalidSchema(where, `has an unknown type "${name}"${at(path)}`, TYPE_HINT);
  return lower;
}

/** Gemini's `nullable: true` in JSON Schema terms. */
function addNull(schema: Record<string, unknown>): void {
  const type = schema['type'];
  if (typeof type === 'string') {
    if (type !== 'null') schema['type'] = [type, 'null'];
  } else if (Array.isArray(type)) {
    if (!type.includes('null')) schema['type'] = [...(type as string[]), 'null'];
  } else if (Array.isArray(schema['anyOf'])) {
    const branches = schema['anyOf'] as unknown[];
    if (!branches.some((branch) => typeof branch === 'object' && branch !== null && (branch as { type?: unknown }).type === 'null')) schema['anyOf'] = [...branches, { type: 'null' }];
  }
  // Without a type (and no anyOf) the schema already admits null.
}

/**
 * A numeric keyword's value as a number: numbers pass (`exclusiveMinimum: true`, draft 4, too), numeric strings are
 * converted, anything else (`"10px"`) is `undefined` (left out: servers reject it or read it as null).
 */
function numericValue(value: unknown, key: string): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean' && (key === 'exclusiveMinimum' || key === 'exclusiveMaximum')) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function at(path: string): string {
  return path === '' ? '' : ` at ${path.slice(1)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `a ${typeof value}`;
}

function invalidSchema(where: string, problem: string, hint: string): SamusError {
  return new SamusError('SAMUS_ERR_INVALID_REQUEST', `${where} ${problem}: it cannot be turned into JSON Schema`, {
    hint,
    details: { field: where },
  });
}
