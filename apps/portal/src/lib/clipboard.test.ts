import { describe, expect, it } from 'vitest';
import { type ClipboardWriter, copyText } from './clipboard';

const clipboard = () => {
  const written: string[] = [];
  const writer: ClipboardWriter = {
    writeText: async (text) => {
      written.push(text);
    },
  };
  return { writer, written };
};

const refusing: ClipboardWriter = {
  writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
};

describe('copyText', () => {
  it('writes to the clipboard when there is one, without the fallback', async () => {
    const { writer, written } = clipboard();
    let fellBack = false;
    const outcome = await copyText('s3cret', writer, () => {
      fellBack = true;
      return true;
    });
    expect(outcome).toBe('copied');
    expect(written).toEqual(['s3cret']);
    expect(fellBack).toBe(false);
  });

  it('falls back when there is no clipboard, or the browser refuses it', async () => {
    expect(await copyText('s3cret', undefined, () => true)).toBe('copied');
    expect(await copyText('s3cret', refusing, () => true)).toBe('copied');
  });

  it('says the text is only selected when the fallback could not copy either', async () => {
    expect(await copyText('s3cret', undefined, () => false)).toBe('selected');
    expect(await copyText('s3cret', refusing, () => false)).toBe('selected');
  });
});
