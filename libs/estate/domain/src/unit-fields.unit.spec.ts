import { unitChanged } from './estate';
import { validateUnitFields } from './unit-fields';

describe('unit fields', () => {
  it('reads CSV text and JSON values alike', () => {
    expect(validateUnitFields({ number: '12', type: 'Apartment', floor: '3', area: '54,3', rooms: '2' })).toEqual({
      valid: true,
      value: { number: '12', type: 'apartment', floor: 3, area: 54.3, rooms: 2 },
    });
    expect(validateUnitFields({ number: 7, type: 'parking', floor: -1 })).toEqual({ valid: true, value: { number: '7', type: 'parking', floor: -1 } });
  });

  it('names every bad field', () => {
    const result = validateUnitFields({ number: '', type: 'castle', floor: '2.5', area: '-3', rooms: 'many' });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.errors).toEqual([
      'number is required',
      'type must be one of apartment, office, retail, parking, storage, got "castle"',
      'floor must be a whole number from -10 to 200, got "2.5"',
      'area must be a positive number of square metres, got "-3"',
      'rooms must be a whole number from 0 to 100, got "many"',
    ]);
  });

  it('sees a change only in what a unit is, not in how the number was written', () => {
    const unit = { number: '12', type: 'apartment', floor: 3, area: 54.3 } as const;
    expect(unitChanged(unit, { ...unit })).toBe(false);
    expect(unitChanged(unit, { ...unit, rooms: 2 })).toBe(true);
    expect(unitChanged(unit, { ...unit, floor: 4 })).toBe(true);
  });
});
