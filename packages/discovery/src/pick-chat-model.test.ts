import { describe, expect, test } from 'vitest';
import { pickChatModel } from './pick-chat-model.js';

describe('pickChatModel', () => {
  test('prefers a loaded chat model, then any chat model, never an embedding model', () => {
    expect(pickChatModel([{ id: 'e', kind: 'embedding', loaded: true }, { id: 'c', kind: 'chat', loaded: false }, { id: 'l', kind: 'chat', loaded: true }])).toBe('l');
    expect(pickChatModel([{ id: 'e', kind: 'embedding', loaded: true }, { id: 'c', kind: 'chat', loaded: false }])).toBe('c');
    expect(pickChatModel([{ id: 'e', kind: 'embedding', loaded: true }, { id: 'u', kind: 'unknown', loaded: false }])).toBe('u');
    expect(pickChatModel([{ id: 'e', kind: 'embedding', loaded: true }])).toBeUndefined();
  });
});
