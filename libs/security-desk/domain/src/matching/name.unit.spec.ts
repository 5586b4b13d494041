import { nameMatchesQuery, normaliseName } from './name';

describe('visitor name search', () => {
  it('ignores case, ё and extra spaces', () => {
    expect(normaliseName('  Пётр   ИВАНОВ ')).toBe('петр иванов');
    expect(nameMatchesQuery('Пётр Иванов', 'петр')).toBe(true);
    expect(nameMatchesQuery('Пётр Иванов', 'ПЁТР')).toBe(true);
    expect(nameMatchesQuery('Фёдорова Алёна', 'федорова')).toBe(true);
  });

  it('matches every word of the query to the start of a word of the name', () => {
    expect(nameMatchesQuery('Пётр Иванов', 'ив пе')).toBe(true);
    expect(nameMatchesQuery('Пётр Иванов', 'ванов')).toBe(false);
    expect(nameMatchesQuery('Пётр Иванов', 'сидоров')).toBe(false);
    expect(nameMatchesQuery('Пётр Иванов', '  ')).toBe(false);
  });
});
