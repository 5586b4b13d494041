import { START, compareCheckpoints, decodeCheckpoint, encodeCheckpoint } from './postgres-checkpoint';

describe('PostgreSQL checkpoint', () => {
  it('encodes as "<transaction id>:<global position>" and decodes back, beyond 2^53', () => {
    const checkpoint = { transactionId: 18_446_744_073_709_551_615n, globalPosition: 9_007_199_254_740_993n };
    expect(encodeCheckpoint(checkpoint)).toBe('18446744073709551615:9007199254740993');
    expect(decodeCheckpoint(encodeCheckpoint(checkpoint))).toEqual(checkpoint);
  });

  it.each(['', '1', '1:', ':1', '1:2:3', '1/2', 'x:1', '-1:2'])('rejects %p', (text) => {
    expect(() => decodeCheckpoint(text)).toThrow(TypeError);
  });

  it('orders by transaction id first, then global position', () => {
    const a = { transactionId: 10n, globalPosition: 500n };
    const b = { transactionId: 11n, globalPosition: 2n };
    expect(compareCheckpoints(a, b)).toBe(-1);
    expect(compareCheckpoints(b, a)).toBe(1);
    expect(compareCheckpoints(a, { ...a })).toBe(0);
    expect(compareCheckpoints(START, a)).toBe(-1);
  });
});
