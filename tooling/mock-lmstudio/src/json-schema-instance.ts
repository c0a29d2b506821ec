type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Options of {@link jsonSchemaInstance}. */
export interface JsonSchemaInstanceOptions {
  /** Value for free-form strings (padded/cut to the length limits). Default `"example"`. */
  text?: string;
  /** Fill optional object properties too (not only `required`). Default `false`. */
  allProperties?: boolean;
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return isSchema(node) ? node : {};
}

function stringFor(schema: Schema, text: string): string {
  const format = schema.format;
  if (format === 'date-time') return '2024-01-01T00:00:00Z';
  if (format === 'date') return '2024-01-01';
  if (format === 'time') return '00:00:00';
  if (format === 'email') return 'user@example.com';
  if (format === 'uri' || format === 'url') return 'http://example.com/';
  if (format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  let value = text;
  while (value.length < min) value += 'x';
  return value.slice(0, max);
}

function numberFor(schema: Schema, integer: boolean): number {
  let value = 0;
  if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === 'number') value = Math.max(value, schema.exclusiveMinimum + (integer ? 1 : 0.5));
  if (typeof schema.maximum === 'number' && value > schema.maximum) value = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) value = schema.exclusiveMaximum - (integer ? 1 : 0.5);
  if (integer) value = Math.ceil(value);
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return value;
}

function instanceOf(schema: Schema, root: Schema, options: Required<JsonSchemaInstanceOptions>, depth: number): unknown {
  if (depth > 32) return null;
  if (typeof schema.$ref === 'string') return instanceOf({ ...resolveRef(schema.$ref, root), ...schema, $ref: undefined }, root, options, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema && schema.default !== undefined) return schema.default;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options_ = schema[key];
    if (Array.isArray(options_) && options_.length > 0) {
      const first = options_.find((option) => isSchema(option) && option.type !== 'null') ?? options_[0];
      return instanceOf(isSchema(first) ? first : {}, root, options, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      const resolved = isSchema(part) && typeof part.$ref === 'string' ? resolveRef(part.$ref, root) : part;
      if (!isSchema(resolved)) continue;
      Object.assign(merged.properties as Schema, resolved.properties);
      (merged.required as unknown[]).push(...(Array.isArray(resolved.required) ? resolved.required : []));
    }
    return instanceOf(merged, root, options, depth + 1);
  }
  let type = schema.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null') ?? type[0];
  if (type === undefined) type = isSchema(schema.properties) ? 'object' : schema.items !== undefined ? 'array' : 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : [];
      const keys = options.allProperties ? Object.keys(properties) : required;
      for (const key of keys) {
        const propertySchema = properties[key];
        out[key] = instanceOf(isSchema(propertySchema) ? propertySchema : {}, root, options, depth + 1);
      }
      return out;
    }
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = isSchema(schema.items) ? schema.items : {};
      return Array.from({ length: count }, () => instanceOf(items, root, options, depth + 1));
    }
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return stringFor(schema, options.text);
  }
}

/**
 * A minimal instance that validates against a JSON Schema (the subset used by structured output and tool
 * parameters: type, properties/required, items/minItems, enum/const, anyOf/oneOf/allOf, local `$ref`, string length
 * and format, numeric bounds). Used for `response_format: json_schema` answers and generated tool arguments.
 */
export function jsonSchemaInstance(schema: unknown, options: JsonSchemaInstanceOptions = {}): unknown {
  const root = isSchema(schema) ? schema : {};
  return instanceOf(root, root, { text: options.text ?? 'example', allProperties: options.allProperties ?? false }, 0);
}
