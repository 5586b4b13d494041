import { compareCodePoints, listedLegacy, listedOurs, pageOfMerged } from './client-list';

describe('merged client lists', () => {
  const ours = [
    listedOurs({ id: '00000000-0000-4000-8000-000000000002', firstName: 'Ivan', lastName: 'Petrov', phone: '+79160000002' }),
    listedOurs({ id: '00000000-0000-4000-8000-000000000001', firstName: 'Oleg', lastName: 'Petrov', phone: '+79160000001' }),
  ];
  const legacy = [
    listedLegacy({ legacyId: 7, fullName: 'PETROV ANTON', phone: '8 (916) 000-00-07' }),
    listedLegacy({ legacyId: 3, fullName: 'Petrov Ivan', phone: '8 (916) 000-00-03' }),
  ];

  it('orders by name, then by a key unique across ours and legacy', () => {
    const page = pageOfMerged(ours, legacy, 0, 10).map((i) => `${i.item.lastName} ${i.item.firstName} ${i.item.source}`);
    expect(page).toEqual(['Petrov Anton legacy', 'Petrov Ivan legacy', 'Petrov Ivan ours', 'Petrov Oleg ours']);
  });

  it('cuts pages from the merged order', () => {
    expect(pageOfMerged(ours, legacy, 1, 2).map((i) => i.uniqueKey)).toEqual(['l:000000000000003', ours[0].uniqueKey]);
  });

  it('shows legacy records with the phone in E.164 and as recorded', () => {
    expect(legacy[0].item).toEqual({
      source: 'legacy',
      legacyId: 7,
      lastName: 'Petrov',
      firstName: 'Anton',
      phone: '+79160000007',
      recordedPhone: '8 (916) 000-00-07',
    });
  });

  it('compares by code point, as PostgreSQL\'s "C" collation orders UTF-8', () => {
    expect(compareCodePoints('a', 'b')).toBe(-1);
    expect(compareCodePoints('ab', 'a')).toBe(1);
    expect(compareCodePoints('я', 'ё')).toBe(-1);
    // U+FF5E sorts before U+1F600 by code point, though its UTF-16 unit is larger than a surrogate.
    expect(compareCodePoints('\uff5e', '\u{1f600}')).toBe(-1);
    expect(compareCodePoints('\u{1f600}', '\u{1f600}')).toBe(0);
  });
});
