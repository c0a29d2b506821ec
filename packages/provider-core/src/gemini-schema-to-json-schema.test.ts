import { Type } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { geminiSchemaToJsonSchema } from './gemini-schema-to-json-schema.js';

describe('geminiSchemaToJsonSchema', () => {
  it('lower-cases types, converts string limits to numbers and nullable to a type union', () => {
    expect(
      geminiSchemaToJsonSchema({
        type: Type.OBJECT,
        description: 'A person',
        properties: {
          name: { type: Type.STRING, minLength: '1' },
          tags: { type: Type.ARRAY, items: { type: Type.STRING }, maxItems: '3' },
          age: { type: Type.INTEGER, nullable: true, minimum: 0 },
          kind: { type: Type.STRING, enum: ['a', 'b'] },
        },
        required: ['name'],
        propertyOrdering: ['name'],
      }),
    ).toEqual({
      type: 'object',
      description: 'A person',
      properties: {
        name: { type: 'string', minLength: 1 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        age: { type: ['integer', 'null'], minimum: 0 },
        kind: { type: 'string', enum: ['a', 'b'] },
      },
      required: ['name'],
    });
  });

  it('accepts lower-case types at run time and anyOf', () => {
    expect(geminiSchemaToJsonSchema({ anyOf: [{ type: 'string' as Type }, { type: 'number' as Type }] })).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
  });
});
