import { normalisePlate, plateBase, plateMatchesQuery, platesMatch } from './plate';

describe('plate matching', () => {
  it('normalises case, spaces, dashes and the RUS mark', () => {
    expect(normalisePlate(' a 123-bc 77 RUS')).toBe('A123BC77');
    expect(normalisePlate('x.777.xx')).toBe('X777XX');
  });

  it('reads every Cyrillic look-alike as its Latin letter', () => {
    expect(normalisePlate('АВЕКМНОРСТУХ')).toBe('ABEKMHOPCTYX');
    expect(normalisePlate('авекмнорстух')).toBe('ABEKMHOPCTYX');
    expect(platesMatch('А123ВС77', 'A123BC77')).toBe(true);
    expect(platesMatch('у001ко', 'Y001KO')).toBe(true);
  });

  it('keeps letters that only look alike in one alphabet apart from others', () => {
    expect(platesMatch('Д123ВС77', 'A123BC77')).toBe(false);
    expect(platesMatch('A123BC77', 'A124BC77')).toBe(false);
  });

  it('tolerates a missing region, not a different one', () => {
    expect(plateBase('A123BC777')).toBe('A123BC');
    expect(platesMatch('А123ВС', 'a123bc 777')).toBe(true);
    expect(platesMatch('A123BC77', 'A123BC777')).toBe(false);
  });

  it('finds a plate by a part the guard typed', () => {
    expect(plateMatchesQuery('А123ВС 77', '123')).toBe(true);
    expect(plateMatchesQuery('А123ВС 77', 'a123')).toBe(true);
    expect(plateMatchesQuery('А123ВС 77', 'а 123 вс 77 rus')).toBe(true);
    expect(plateMatchesQuery('А123ВС 77', '124')).toBe(false);
    expect(plateMatchesQuery('А123ВС 77', ' ')).toBe(false);
  });
});
