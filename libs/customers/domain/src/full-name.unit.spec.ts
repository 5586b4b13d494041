import { clientNameKey, normaliseForSearch, splitFullName } from './full-name';

describe('legacy full-name splitting', () => {
  it('splits surname, first name and patronymic', () => {
    expect(splitFullName('Petrov Ivan Sergeevich')).toEqual({ lastName: 'Petrov', firstName: 'Ivan', middleName: 'Sergeevich' });
  });

  it('takes two words as surname and first name', () => {
    expect(splitFullName('Sokolova Maria')).toEqual({ lastName: 'Sokolova', firstName: 'Maria' });
  });

  it('ignores odd spacing and tidies names written in one case', () => {
    expect(splitFullName('  PETROV   IVAN  SERGEEVICH ')).toEqual({ lastName: 'Petrov', firstName: 'Ivan', middleName: 'Sergeevich' });
    expect(splitFullName('MAMEDOV ALI Rza ogly')).toEqual({ lastName: 'Mamedov', firstName: 'Ali', middleName: 'Rza ogly' });
    expect(splitFullName('rimsky-korsakov nikolai')).toEqual({ lastName: 'Rimsky-Korsakov', firstName: 'Nikolai' });
  });

  it('leaves mixed-case names as written', () => {
    expect(splitFullName('McDonald Ronald')).toEqual({ lastName: 'McDonald', firstName: 'Ronald' });
  });

  it('keeps extra words in the middle name', () => {
    expect(splitFullName('Mamedov Ali Rza ogly')).toEqual({ lastName: 'Mamedov', firstName: 'Ali', middleName: 'Rza ogly' });
  });

  it('reads a lone word as a surname and nothing as an empty name', () => {
    expect(splitFullName('Petrov')).toEqual({ lastName: 'Petrov', firstName: '' });
    expect(splitFullName(null)).toEqual({ lastName: '', firstName: '' });
  });

  it('handles Cyrillic names', () => {
    expect(splitFullName('ПЕТРОВ ИВАН СЕРГЕЕВИЧ')).toEqual({ lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич' });
  });
});

describe('name keys', () => {
  it('are "last first middle" in lower case with single spaces', () => {
    expect(clientNameKey({ lastName: 'Petrov', firstName: 'Ivan', middleName: 'Sergeevich' })).toBe('petrov ivan sergeevich');
    expect(clientNameKey({ lastName: 'Petrov', firstName: 'Ivan' })).toBe('petrov ivan');
  });

  it('compare ё as е', () => {
    expect(normaliseForSearch('Семён  ФЁДОРОВ')).toBe('семен федоров');
  });
});
