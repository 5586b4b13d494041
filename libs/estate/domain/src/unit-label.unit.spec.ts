import { unitLabel } from './unit-label';

describe('unitLabel', () => {
  it('names the building, then the unit number', () => {
    expect(unitLabel({ buildingName: 'Корпус 2', number: '45' })).toBe('Корпус 2, 45');
  });
});
