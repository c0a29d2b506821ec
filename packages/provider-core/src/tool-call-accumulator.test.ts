import { describe, expect, it } from 'vitest';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { CONVERSION_DEBUG_CHANNEL, type ConversionDebugEvent } from './conversion-debug.js';
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

  it('never repairs truncated arguments: they are flagged truncated, unparsable ones invalid', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'a', function: { name: 'write_file', arguments: '{"file_path":"/tmp/app.ts","content":"export function main() {\\n  console.log(' } }]);
    accumulator.push([{ index: 1, id: 'b', function: { name: 'g', arguments: 'not json' } }]);
    const [truncated, broken] = accumulator.finish();
    expect(truncated!.valid).toBe(false);
    expect(truncated!.truncated).toBe(true);
    expect(truncated!.functionCall.args).toEqual({});
    expect(broken!.valid).toBe(false);
    expect(broken!.truncated).toBe(false);
    expect(broken!.functionCall.args).toEqual({});
    expect(broken!.rawArguments).toBe('not json');
  });

  it('drops nameless phantom slots and publishes a debug event', () => {
    const events: ConversionDebugEvent[] = [];
    const listener = (message: unknown): void => {
      events.push(message as ConversionDebugEvent);
    };
    subscribe(CONVERSION_DEBUG_CHANNEL, listener);
    try {
      const accumulator = new ToolCallAccumulator();
      // A server that opens index 0 and never names it, then sends the real call at index 1.
      accumulator.push([{ index: 0, id: '', type: 'function', function: { arguments: '' } }]);
      accumulator.push([{ index: 1, id: 'real', function: { name: 'ls', arguments: '{"path":"."}' } }]);
      expect(accumulator.finish().map((call) => call.functionCall)).toEqual([{ id: 'real', name: 'ls', args: { path: '.' } }]);
      expect(events.map((event) => event.event)).toContain('tool-call:nameless-dropped');
    } finally {
      unsubscribe(CONVERSION_DEBUG_CHANNEL, listener);
    }
  });

  it('keeps one call when a server resends the whole call under the same id', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'c1', function: { name: 'read_file', arguments: '{"path":' } }]);
    accumulator.push([{ index: 0, function: { arguments: '"a.ts"}' } }]);
    // The replay: the whole call again (some servers send it with the finish chunk).
    accumulator.push([{ index: 0, id: 'c1', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }]);
    const calls = accumulator.finish();
    expect(calls.map((call) => call.functionCall)).toEqual([{ id: 'c1', name: 'read_file', args: { path: 'a.ts' } }]);
    expect(calls[0]!.valid).toBe(true);
  });

  it('keeps one copy when every fragment repeats the whole argument text', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, function: { name: 'f', arguments: '{"n":1}' } }]);
    accumulator.push([{ index: 0, function: { arguments: '{"n":1}' } }]);
    expect(accumulator.finish().map((call) => call.functionCall.args)).toEqual([{ n: 1 }]);
  });

  it('trims tool names', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.push([{ index: 0, id: 'x', function: { name: ' get_weather\n', arguments: '{}' } }]);
    expect(accumulator.finish()[0]!.functionCall.name).toBe('get_weather');
  });
});
