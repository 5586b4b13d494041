import { storableJson, storableText } from './storable-text';

describe('storable text', () => {
  it('drops NUL characters and keeps the rest', () => {
    expect(storableText('my\u0000 router\u0000')).toBe('my router');
  });

  it('drops half a surrogate pair, leading or trailing, and keeps whole pairs', () => {
    expect(storableText('a\uD800b')).toBe('ab');
    expect(storableText('a\uDC00b')).toBe('ab');
    expect(storableText('cut \uD83D')).toBe('cut ');
    expect(storableText('\uDE00 reversed \uD83D')).toBe(' reversed ');
    expect(storableText('router 📡 down')).toBe('router 📡 down');
    expect(storableText('\uD83D\uD83D\uDE00')).toBe('😀');
  });

  it('cleans every string of a parsed JSON body, keys included, and leaves other values alone', () => {
    const body = {
      update_id: 7,
      message: { text: 'hi\u0000', from: { first_name: '\uD800Ivan', is_bot: false }, photo: [{ file_id: 'a\u0000' }], 'k\u0000': null },
    };
    expect(storableJson(body)).toEqual({
      update_id: 7,
      message: { text: 'hi', from: { first_name: 'Ivan', is_bot: false }, photo: [{ file_id: 'a' }], k: null },
    });
    expect(JSON.stringify(storableJson(body))).not.toMatch(/\\u0000|\\ud800/i);
  });

  it('walks no deeper than any field is read, so a deeply nested body cannot exhaust the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => storableJson({ text: 'a\u0000', deep })).not.toThrow();
    expect((storableJson({ text: 'a\u0000', deep }) as { text: string }).text).toBe('a');
  });
});
