import { describe, expect, it } from 'vitest';
import { SamusEvents } from './events.js';

const base = { requestId: 'r1', provider: 'test', model: 'm', baseUrl: 'http://127.0.0.1:1' };

describe('SamusEvents', () => {
  it('delivers typed events to listeners until they are removed', () => {
    const events = new SamusEvents();
    const seen: number[] = [];
    expect(events.has('response:first-token')).toBe(false);
    const off = events.on('response:first-token', (event) => seen.push(event.ttftMs));
    expect(events.has('response:first-token')).toBe(true);
    events.emit('response:first-token', { ...base, ttftMs: 12 });
    off();
    events.emit('response:first-token', { ...base, ttftMs: 13 });
    expect(seen).toEqual([12]);
    expect(events.has('response:first-token')).toBe(false);
  });

  it('keeps going when a listener throws and reports it', () => {
    const reported: string[] = [];
    const events = new SamusEvents({ onListenerError: (error, name) => reported.push(`${name}: ${(error as Error).message}`) });
    const seen: string[] = [];
    events.on('request:start', () => {
      throw new Error('boom');
    });
    events.on('request:start', (event) => seen.push(event.requestId));
    events.emit('request:start', { ...base, stream: true, attempt: 1 });
    expect(seen).toEqual(['r1']);
    expect(reported).toEqual(['request:start: boom']);
  });
});
