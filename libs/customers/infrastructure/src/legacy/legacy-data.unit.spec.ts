import { normalisePhone, splitFullName } from '@switchboard/customers/domain';
import { legacyClientRows, legacyOrderRows, SeededRandom } from './legacy-data';

describe('generated legacy data', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = [...legacyClientRows(500, 1)];
    expect([...legacyClientRows(500, 1)]).toEqual(a);
    expect([...legacyClientRows(500, 2)]).not.toEqual(a);
    expect([...legacyOrderRows(100, 500, 1)]).toEqual([...legacyOrderRows(100, 500, 1)]);
  });

  it('writes phones in local formats that normalise, with a few unusable ones', () => {
    const rows = [...legacyClientRows(5_000, 3)];
    const usable = rows.filter((r) => normalisePhone(r.tel));
    expect(usable.length / rows.length).toBeGreaterThan(0.99);
    expect(usable.length).toBeLessThan(rows.length);
    expect(rows.some((r) => r.tel?.startsWith('8 ('))).toBe(true);
    expect(rows.some((r) => r.tel?.startsWith('+7 '))).toBe(true);
    expect(rows.some((r) => /^8-\d{3}-/.test(r.tel ?? ''))).toBe(true);
  });

  it('has duplicates of one person under differently written phones', () => {
    const rows = [...legacyClientRows(5_000, 3)];
    const byPhone = new Map<string, string[]>();
    for (const r of rows) {
      const phone = normalisePhone(r.tel);
      if (phone) byPhone.set(phone, [...(byPhone.get(phone) ?? []), r.tel ?? '']);
    }
    const duplicates = [...byPhone.values()].filter((tels) => tels.length > 1);
    expect(duplicates.length).toBeGreaterThan(50);
    expect(duplicates.some((tels) => new Set(tels).size > 1)).toBe(true);
  });

  it('has missing emails, legal entities and full names that split', () => {
    const rows = [...legacyClientRows(5_000, 3)];
    const withoutEmail = rows.filter((r) => !r.email).length / rows.length;
    expect(withoutEmail).toBeGreaterThan(0.3);
    expect(withoutEmail).toBeLessThan(0.5);
    expect(rows.filter((r) => r.orgName && r.inn).length).toBeGreaterThan(200);
    expect(rows.every((r) => splitFullName(r.fio).firstName !== '')).toBe(true);
  });

  it('writes amounts as exact decimal text', () => {
    expect([...legacyOrderRows(1_000, 100, 1)].every((o) => /^\d{3,5}\.\d{2}$/.test(o.summa))).toBe(true);
  });

  it('draws numbers in [0, 1) from a seed', () => {
    const random = new SeededRandom(42);
    const draws = Array.from({ length: 1_000 }, () => random.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(new SeededRandom(42).next()).toBe(draws[0]);
  });
});
