import { Type } from '@samus/kernel';
import { describe, expect, it } from 'vitest';
import { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';

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

describe('toJsonSchema (responseJsonSchema, parametersJsonSchema)', () => {
  it('lowers Gemini Type names everywhere and leaves JSON Schema keywords alone', () => {
    expect(
      toJsonSchema(
        {
          type: 'OBJECT',
          properties: {
            type: { type: 'STRING', enum: ['OBJECT', 'STRING'] },
            list: { type: 'ARRAY', items: { anyOf: [{ type: 'INTEGER' }, { $ref: '#/$defs/item' }] }, maxItems: '4' },
            pair: { type: 'array', prefixItems: [{ type: 'BOOLEAN' }, { type: ['STRING', 'NULL'] }] },
            extra: { type: 'OBJECT', additionalProperties: { type: 'NUMBER' }, example: { a: 1 } },
            maybe: { nullable: true, anyOf: [{ type: 'STRING' }] },
            any: { nullable: true },
            flag: true,
          },
          $defs: { item: { type: 'OBJECT', properties: { id: { type: 'STRING', nullable: true } } } },
          required: ['type'],
          additionalProperties: false,
          propertyOrdering: ['type', 'list'],
          $schema: 'https://json-schema.org/draft/2020-12/schema',
        },
        'responseJsonSchema',
      ),
    ).toEqual({
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['OBJECT', 'STRING'] },
        list: { type: 'array', items: { anyOf: [{ type: 'integer' }, { $ref: '#/$defs/item' }] }, maxItems: 4 },
        pair: { type: 'array', prefixItems: [{ type: 'boolean' }, { type: ['string', 'null'] }] },
        extra: { type: 'object', additionalProperties: { type: 'number' }, examples: [{ a: 1 }] },
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        any: {},
        flag: true,
      },
      $defs: { item: { type: 'object', properties: { id: { type: ['string', 'null'] } } } },
      required: ['type'],
      additionalProperties: false,
      $schema: 'https://json-schema.org/draft/2020-12/schema',
    });
  });

  it('returns an equal schema for plain JSON Schema', () => {
    const schema = { type: 'object', properties: { a: { type: ['string', 'null'], minLength: 1 } }, required: ['a'] };
    expect(toJsonSchema(schema, 'responseJsonSchema')).toEqual(schema);
  });

  it('throws SAMUS_ERR_INVALID_REQUEST with the field, the place and a hint for schemas it cannot lower', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['OBJECT', /^responseJsonSchema must be a JSON Schema object, got the string "OBJECT"/],
      [[{ type: 'STRING' }], /^responseJsonSchema must be a JSON Schema object, got an array/],
      [{ type: 'OBJEKT' }, /^responseJsonSchema has an unknown type "OBJEKT":/],
      [{ type: 'OBJECT', properties: { a: { type: 7 } } }, /has a type that is a number, not a type name at properties\.a/],
      [{ type: 'OBJECT', properties: { a: 'STRING' } }, /has the string "STRING" where a schema belongs at properties\.a/],
      [{ anyOf: { type: 'STRING' } }, /has "anyOf" that is not a list of schemas/],
    ];
    for (const [schema, message] of cases) {
      let caught: unknown;
      try {
        toJsonSchema(schema, 'responseJsonSchema');
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'SAMUS_ERR_INVALID_REQUEST', details: { field: 'responseJsonSchema' } });
      expect((caught as Error).message).toMatch(message);
      expect((caught as { hint?: string }).hint).toBeTruthy();
    }
  });

  it('turns numeric limits given as strings into numbers and leaves out ones that are no number', () => {
    expect(toJsonSchema({ type: 'object', properties: { n: { type: 'number', minimum: '0', maximum: '10px', multipleOf: '0.5', exclusiveMaximum: 9 } } }, 'x')).toEqual({
      type: 'object',
      properties: { n: { type: 'number', minimum: 0, multipleOf: 0.5, exclusiveMaximum: 9 } },
    });
  });
});
