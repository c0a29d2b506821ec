import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from './tool-call-accumulator.js';

describe('ToolCallAccumulator', () => {
  it('joins argument fragments by index (parallel calls interleaved)', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'a', type: 'function', function: { name: 'get_weather', arguments: '' } }]);
    accumulator.push([{ index: 1, id: 'b', type: 'function', function: { name: 'get_time', arguments: '{"tz":' } }]);
    accumulator.push([{ index: 0, function: { arguments: '{"city":' } }]);
    accumulator.push([{ index: 0, function: { arguments: '"Tokyo"}' } }, { index: 1, function: { arguments: '"UTC"}' } }]);
    const calls = accumulator.finish();
    expect(calls.map((call) => call.functionCall)).toEqual([
      { id: 'a', name: 'get_weather', args: { city: 'Tokyo' } },
      { id: 'b', name: 'get_time', args: { tz: 'UTC' } },
    ]);
    expect(calls.every((call) => call.valid)).toBe(true);
  });

  it('accepts whole calls in one chunk and object arguments', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"x":1}' } }]);
    accumulator.push([{ function: { name: 'g', arguments: { y: 2 } } }]);
    expect(accumulator.finish().map((call) => call.functionCall)).toEqual([
      { id: 'call_1', name: 'f', args: { x: 1 } },
      expect.objectContaining({ name: 'g', args: { y: 2 } }),
    ]);
  });

  it('takes an id that arrives late and generates one when none ever arrives', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, function: { name: 'f', arguments: '{"a"' } }]);
    accumulator.push([{ index: 0, id: 'late-id', function: { arguments: ':1}' } }]);
    accumulator.push([{ index: 1, function: { name: 'g', arguments: '{}' } }]);
    const [first, second] = accumulator.finish();
    expect(first!.functionCall).toEqual({ id: 'late-id', name: 'f', args: { a: 1 } });
    expect(second!.functionCall.id).toMatch(/^call_samus_/);
    expect(second!.functionCall.args).toEqual({});
  });

  it('starts a new call when a server reuses index 0 with a new id', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'one', function: { name: 'f', arguments: '{"n":1}' } }]);
    accumulator.push([{ index: 0, id: 'two', function: { name: 'f', arguments: '{"n":2}' } }]);
    expect(accumulator.finish().map((call) => call.functionCall.args)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('starts a new call for a second whole call at index 0 without ids', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, function: { name: 'f', arguments: '{"n":1}' } }]);
    accumulator.push([{ index: 0, function: { name: 'g', arguments: '{"n":2}' } }]);
    expect(accumulator.finish().map((call) => call.functionCall.name)).toEqual(['f', 'g']);
  });

  it('repairs truncated arguments and flags unparsable ones', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'a', function: { name: 'f', arguments: '{"path":"/tmp/x' } }]);
    accumulator.push([{ index: 1, id: 'b', function: { name: 'g', arguments: 'not json' } }]);
    const [repaired, broken] = accumulator.finish();
    expect(repaired!.functionCall.args).toEqual({ path: '/tmp/x' });
    expect(repaired!.valid).toBe(true);
    expect(broken!.valid).toBe(false);
    expect(broken!.functionCall.args).toEqual({});
    expect(broken!.rawArguments).toBe('not json');
  });
});
