import { destinationOf, phoneFromSmppAddress, sourceOf } from './smpp-address';

describe('SMPP addresses', () => {
  it('reads an international sender without its plus as E.164', () => {
    expect(phoneFromSmppAddress('79161234567', 1)).toBe('+79161234567');
  });

  it('reads a sender of unknown type in the default region', () => {
    expect(phoneFromSmppAddress('89161234567', 0)).toBe('+79161234567');
    expect(phoneFromSmppAddress('+79161234567', 0)).toBe('+79161234567');
  });

  it('finds no phone number in an alphanumeric sender or garbage', () => {
    expect(phoneFromSmppAddress('BANK', 5)).toBeUndefined();
    expect(phoneFromSmppAddress('12', 1)).toBeUndefined();
  });

  it('addresses a submit_sm to an international ISDN number and from the configured sender', () => {
    expect(destinationOf('+79161234567')).toEqual({ addr: '79161234567', ton: 1, npi: 1 });
    expect(sourceOf('Switchboard')).toEqual({ addr: 'Switchboard', ton: 5, npi: 0 });
    expect(sourceOf('+74951234567')).toEqual({ addr: '74951234567', ton: 1, npi: 1 });
    expect(sourceOf('4242')).toEqual({ addr: '4242', ton: 3, npi: 0 });
  });
});
