import { describe, expect, it } from 'vitest';
import { newCompose } from './compose';
import { storeCompose, takeStoredCompose } from './compose-storage';

/** An in-memory Storage that refuses anything longer than `limit` characters, as a full one does. */
function memoryStorage(limit = Number.POSITIVE_INFINITY): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (value.length > limit) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('compose storage', () => {
  const state = { ...newCompose(() => 'key-7', 'ada'), subject: 'Hello', bodyText: 'Long text' };

  it('gives back the composer once, idempotency key included', () => {
    const storage = memoryStorage();
    storeCompose(state, storage);
    expect(takeStoredCompose(storage)).toEqual({ state, droppedAttachments: [] });
    expect(takeStoredCompose(storage)).toBeNull();
  });

  it('keeps the text and names the files when the attachments do not fit', () => {
    const storage = memoryStorage(2000);
    const file = {
      key: 'k',
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
      size: 3000,
      dataBase64: 'x'.repeat(4000),
    };
    storeCompose({ ...state, newAttachments: [file] }, storage);
    expect(takeStoredCompose(storage)).toEqual({ state, droppedAttachments: ['photo.jpg'] });
  });

  it('forgets the composer when it closes', () => {
    const storage = memoryStorage();
    storeCompose(state, storage);
    storeCompose(null, storage);
    expect(takeStoredCompose(storage)).toBeNull();
  });

  it('ignores anything it did not write', () => {
    const storage = memoryStorage();
    storage.setItem('orbit-mail.compose', '{"state":{"to":1}}');
    expect(takeStoredCompose(storage)).toBeNull();
    storage.setItem('orbit-mail.compose', 'not json');
    expect(takeStoredCompose(storage)).toBeNull();
  });
});
