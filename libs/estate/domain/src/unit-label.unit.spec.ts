import { residentUnitLabel, unitLabel } from './unit-label';

describe('unitLabel', () => {
  it('names the building, then the unit number', () => {
    expect(unitLabel({ buildingName: 'Корпус 2', number: '45' })).toBe('Корпус 2, 45');
  });
});

describe('residentUnitLabel', () => {
  it('names the site, the building, then the unit number', () => {
    expect(residentUnitLabel({ siteName: 'River Park', buildingName: 'Building 2', number: 'P-12' })).toBe('River Park, Building 2, P-12');
  });
});
