import { describe, expect, it } from 'vitest';
import { jsonSchemaInstance } from './json-schema-instance';

describe('jsonSchemaInstance', () => {
  it('fills required properties only (all with allProperties)', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] };
    expect(jsonSchemaInstance(schema)).toEqual({ a: 'example' });
    expect(jsonSchemaInstance(schema, { allProperties: true, text: 'x' })).toEqual({ a: 'x', b: 0 });
  });

  it('respects enum, const, bounds, lengths, formats, nullable types and combinators', () => {
    expect(jsonSchemaInstance({ enum: ['red', 'green'] })).toBe('red');
    expect(jsonSchemaInstance({ const: 42 })).toBe(42);
    expect(jsonSchemaInstance({ type: 'integer', minimum: 3, multipleOf: 5 })).toBe(5);
    expect(jsonSchemaInstance({ type: 'number', exclusiveMinimum: 1 })).toBe(1.5);
    expect(jsonSchemaInstance({ type: 'string', minLength: 10 })).toBe('examplexxx');
    expect(jsonSchemaInstance({ type: 'string', maxLength: 3 })).toBe('exa');
    expect(jsonSchemaInstance({ type: 'string', format: 'date' })).toBe('2024-01-01');
    expect(jsonSchemaInstance({ type: ['null', 'boolean'] })).toBe(false);
    expect(jsonSchemaInstance({ anyOf: [{ type: 'null' }, { type: 'integer' }] })).toBe(0);
    expect(jsonSchemaInstance({ allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'boolean' } }, required: ['b'] }] })).toEqual({ a: 'example', b: false });
    expect(jsonSchemaInstance({ type: 'array', items: { type: 'integer' }, minItems: 2 })).toEqual([0, 0]);
  });

  it('resolves local $ref and stops on recursion', () => {
    const schema = { $ref: '#/$defs/node', $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } }, required: ['next'] } } };
    const value = jsonSchemaInstance(schema);
    expect(typeof value).toBe('object');
    expect(JSON.stringify(value).length).toBeLessThan(2000);
  });
});
