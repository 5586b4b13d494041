import { matchesNameQuery, nameQueryKey, parseNameQuery } from './name-search';

describe('name queries', () => {
  it('are the same whatever the word order, case and spacing', () => {
    const a = parseNameQuery('Ivan  PETROV');
    const b = parseNameQuery('petrov ivan');
    expect(a.ok && b.ok && nameQueryKey(a.value) === nameQueryKey(b.value)).toBe(true);
  });

  it('match when every word occurs in the name', () => {
    const q = parseNameQuery('petr iva');
    expect(q.ok && matchesNameQuery('petrov ivan sergeevich', q.value)).toBe(true);
    expect(q.ok && matchesNameQuery('petrov oleg', q.value)).toBe(false);
  });

  it('need at least two letters', () => {
    expect(parseNameQuery(' p ')).toEqual({ ok: false, errors: [{ field: 'q', message: 'must have at least 2 letters of a name' }] });
  });
});
