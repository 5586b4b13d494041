import { isValidInn, withInnCheckDigits } from './inn';

describe('INN check digits', () => {
  it('accepts a valid organisation INN and a valid personal INN', () => {
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('500100732259')).toBe(true);
  });

  it('refuses a wrong check digit, wrong length or letters', () => {
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('77070838')).toBe(false);
    expect(isValidInn('77070838AB')).toBe(false);
  });

  it('completes prefixes into valid INNs', () => {
    expect(withInnCheckDigits('770708389')).toBe('7707083893');
    expect(withInnCheckDigits('5001007322')).toBe('500100732259');
  });
});
