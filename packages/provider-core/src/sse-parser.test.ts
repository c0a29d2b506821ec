import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function parse(text: string | string[]): Array<{ data: string; event: string | undefined }> {
  const events: Array<{ data: string; event: string | undefined }> = [];
  const parser = new SseParser((data, event) => {
    events.push({ data, event });
  });
  for (const piece of Array.isArray(text) ? text : [text]) parser.push(bytes(piece));
  parser.end();
  return events;
}

describe('SseParser', () => {
  it('dispatches data events on blank lines', () => {
    expect(parse('data: {"a":1}\n\ndata: [DONE]\n\n')).toEqual([
      { data: '{"a":1}', event: undefined },
      { data: '[DONE]', event: undefined },
    ]);
  });

  it('ignores comment / keep-alive lines, id and retry fields', () => {
    expect(parse(': keep-alive\n\nid: 7\nretry: 1000\ndata: x\n\n:ping\n\n')).toEqual([{ data: 'x', event: undefined }]);
  });

  it('joins multi-line data with \\n and accepts "data:" without a space', () => {
    expect(parse('data:one\ndata: two\n\n')).toEqual([{ data: 'one\ntwo', event: undefined }]);
  });

  it('reports event names', () => {
    expect(parse('event: error\ndata: {"error":"boom"}\n\n')).toEqual([{ data: '{"error":"boom"}', event: 'error' }]);
  });

  it('handles CRLF framing', () => {
    expect(parse('data: a\r\n\r\ndata: b\r\n\r\n')).toEqual([
      { data: 'a', event: undefined },
      { data: 'b', event: undefined },
    ]);
  });

  it('dispatches a last event that lacks its blank line at the end of the stream', () => {
    expect(parse(['data: a\n\n', 'data: b'])).toEqual([
      { data: 'a', event: undefined },
      { data: 'b', event: undefined },
    ]);
  });
});

describe('SseParser pausing', () => {
  it('pauses after an event when the handler returns true and resumes with the next one', () => {
    const seen: string[] = [];
    const parser = new SseParser((data) => {
      seen.push(data);
      return true;
    });
    parser.push(bytes('data: 1\n\ndata: 2\n\ndata: 3\n\n'));
    expect(seen).toEqual(['1']);
    expect(parser.paused).toBe(true);
    parser.resume();
    expect(seen).toEqual(['1', '2']);
    parser.resume();
    parser.resume();
    expect(seen).toEqual(['1', '2', '3']);
    expect(parser.paused).toBe(false);
  });

  it('hands out paused lines before the next chunk and at the end', () => {
    const seen: string[] = [];
    const parser = new SseParser((data) => {
      seen.push(data);
      return true;
    });
    parser.push(bytes('data: a\n\ndata: b\n\n'));
    parser.push(bytes('data: c\n\ndata: d'));
    parser.end();
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });
});
