import { normalisePhone, phoneMatchKey } from './phone';

describe('phone normalisation', () => {
  it.each([
    ['8 (916) 123-45-67', '+79161234567'],
    ['+7 916 1234567', '+79161234567'],
    ['8-916-123-45-67', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['7 916 123 45 67', '+79161234567'],
    ['916 123 45 67', '+79161234567'],
    ['  +7 (495) 111-22-33 ', '+74951112233'],
    ['+1 202 555 0143', '+12025550143'],
  ])('reads %s as %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([['нет'], ['123-45-67'], [''], ['-'], ['+7 916 12']])('refuses %p, which is not a phone number', (raw) => {
    expect(normalisePhone(raw)).toBeUndefined();
  });

  it('reads local formats in the region it is given', () => {
    expect(normalisePhone('020 7946 0018', 'GB')).toBe('+442079460018');
  });

  it('matches legacy phones by their last ten digits', () => {
    expect(phoneMatchKey('+79161234567')).toBe('9161234567');
  });
});
