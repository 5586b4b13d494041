import { ResidencyRuleError, checkResidency, holdsOn, isCalendarDay } from './residency';
import type { Residency } from './residency';

const owner: Residency = { id: 'r1', unitId: 'u1', clientId: 'c1', relation: 'owner', from: '2024-01-01', to: '2024-12-31' };

const ruleOf = (candidate: Residency, others: readonly Residency[]): string | undefined => {
  try {
    checkResidency(candidate, others);
    return undefined;
  } catch (error) {
    if (error instanceof ResidencyRuleError) return error.rule;
    throw error;
  }
};

describe('residency periods', () => {
  it('accepts a residency that starts the day after the same relation ended', () => {
    expect(ruleOf({ ...owner, id: 'r2', from: '2025-01-01', to: undefined }, [owner])).toBeUndefined();
  });

  it('refuses the same client holding the same relation to the unit over a shared day', () => {
    expect(ruleOf({ ...owner, id: 'r2', from: '2024-12-31' }, [owner])).toBe('residency-overlaps');
    expect(ruleOf({ ...owner, id: 'r2', from: '2023-01-01', to: '2024-01-01' }, [owner])).toBe('residency-overlaps');
  });

  it('refuses a second open-ended residency of the same relation', () => {
    const open = { ...owner, to: undefined };
    expect(ruleOf({ ...open, id: 'r2', from: '2030-05-01' }, [open])).toBe('residency-overlaps');
  });

  it('lets other relations, other clients and other units overlap', () => {
    expect(ruleOf({ ...owner, id: 'r2', relation: 'resident' }, [owner])).toBeUndefined();
    expect(ruleOf({ ...owner, id: 'r2', clientId: 'c2' }, [owner])).toBeUndefined();
    expect(ruleOf({ ...owner, id: 'r2', unitId: 'u2' }, [owner])).toBeUndefined();
  });

  it('does not compare a residency with itself (an edit of its own period)', () => {
    expect(ruleOf({ ...owner, to: '2025-06-30' }, [owner])).toBeUndefined();
  });

  it('refuses a residency that ends before it starts, but allows a single day', () => {
    expect(ruleOf({ ...owner, from: '2024-05-02', to: '2024-05-01' }, [])).toBe('residency-ends-before-start');
    expect(ruleOf({ ...owner, from: '2024-05-02', to: '2024-05-02' }, [])).toBeUndefined();
  });

  it('refuses days that are not on the calendar', () => {
    expect(ruleOf({ ...owner, from: '2024-02-30' }, [])).toBe('residency-day-invalid');
    expect(ruleOf({ ...owner, to: '31.12.2024' }, [])).toBe('residency-day-invalid');
    expect(isCalendarDay('2024-02-29')).toBe(true);
  });

  it('holds on its first and last day and not after', () => {
    expect(holdsOn(owner, '2024-01-01')).toBe(true);
    expect(holdsOn(owner, '2024-12-31')).toBe(true);
    expect(holdsOn(owner, '2025-01-01')).toBe(false);
    expect(holdsOn({ from: '2024-01-01' }, '2999-01-01')).toBe(true);
  });
});
