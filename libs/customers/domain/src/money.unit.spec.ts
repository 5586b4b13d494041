import { isMoney, normaliseMoney } from './money';

describe('money as decimal text', () => {
  it.each([['0'], ['1234'], ['1234.5'], ['1234.50'], ['999999999999.99']])('accepts %s', (raw) => {
    expect(isMoney(raw)).toBe(true);
  });

  it.each([['-1'], ['1234.567'], ['1,50'], ['1e3'], ['1000000000000'], ['.5'], ['12.'], [''], ['NaN']])('refuses %p', (raw) => {
    expect(isMoney(raw)).toBe(false);
    expect(normaliseMoney(raw)).toBeUndefined();
  });

  it('writes amounts with exactly two decimals, without leading zeros', () => {
    expect(normaliseMoney('1234.5')).toBe('1234.50');
    expect(normaliseMoney('007')).toBe('7.00');
    expect(normaliseMoney(' 0.1 ')).toBe('0.10');
  });

  it('keeps amounts a float would round', () => {
    expect(normaliseMoney('999999999999.99')).toBe('999999999999.99');
    expect(normaliseMoney('90071992547.41')).toBe('90071992547.41');
  });
});
