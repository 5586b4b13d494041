import { PassRuleError } from './pass-errors';
import { placeOnUnit } from './pass-unit';
import type { PassUnit } from './pass-unit';

describe('placeOnUnit', () => {
  const unit: PassUnit = { unitId: 'u-1', siteSlug: 'river-park', unitLabel: 'Корпус 2, 45', residentPhones: ['+79990000001', '+79990000002'] };
  const everywhere = () => true;
  const rule = (run: () => unknown): string | undefined => {
    try {
      run();
      return undefined;
    } catch (error) {
      return error instanceof PassRuleError ? error.rule : 'other';
    }
  };

  it('copies the estate’s label and the first current resident’s phone', () => {
    expect(placeOnUnit({ siteSlug: 'river-park', unitId: 'u-1' }, unit, everywhere)).toEqual({ unitLabel: 'Корпус 2, 45', residentPhone: '+79990000001' });
  });

  it('keeps a typed phone as an override', () => {
    expect(placeOnUnit({ siteSlug: 'river-park', unitId: 'u-1', residentPhone: '+70000000000' }, unit, everywhere)).toEqual({
      unitLabel: 'Корпус 2, 45',
      residentPhone: '+70000000000',
    });
  });

  it('leaves the phone out when nobody lives there today', () => {
    expect(placeOnUnit({ siteSlug: 'river-park', unitId: 'u-1' }, { ...unit, residentPhones: [] }, everywhere)).toEqual({ unitLabel: 'Корпус 2, 45' });
  });

  it('refuses an unknown unit, and one at a site the caller does not cover, as unknown', () => {
    expect(rule(() => placeOnUnit({ siteSlug: 'river-park', unitId: 'u-9' }, undefined, everywhere))).toBe('unit-unknown');
    expect(rule(() => placeOnUnit({ siteSlug: 'river-park', unitId: 'u-1' }, { ...unit, siteSlug: 'old-town' }, (s) => s === 'river-park'))).toBe(
      'unit-unknown',
    );
  });

  it('refuses a unit of another site the caller covers', () => {
    expect(rule(() => placeOnUnit({ siteSlug: 'old-town', unitId: 'u-1' }, unit, everywhere))).toBe('unit-of-another-site');
  });
});
