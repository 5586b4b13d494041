import { MAX_NESTING, textProblems, unstorableText } from './text-problems';

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['NUL', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'x\ud800', /surrogate/],
    ['a lone low surrogate', '\udfffx', /surrogate/],
  ])('is named: %s', (_, text, message) => {
    expect(unstorableText(text)).toMatch(message);
  });

  it('lets everything else through, astral characters included', () => {
    expect(unstorableText('Привет 👋 ё')).toBeUndefined();
  });

  it('is found anywhere in a payload and named by its path, keys included', () => {
    expect(textProblems({ subject: 'ok', contact: { address: 'a\u0000' }, tags: ['x', '\ud800'], ['k\u0000']: 1 }).map((p) => p.field)).toEqual([
      'contact.address',
      'tags.1',
      'k\\u0000',
    ]);
    expect(textProblems('\u0000', 'q')).toEqual([{ field: 'q', message: expect.stringMatching(/NUL/) }]);
  });

  it('refuses a payload nested past the limit without walking it all', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(textProblems({ filters: deep })).toEqual([
      { field: `filters${'.0'.repeat(MAX_NESTING - 1)}`, message: `must not nest deeper than ${MAX_NESTING} levels` },
    ]);
  });
});
