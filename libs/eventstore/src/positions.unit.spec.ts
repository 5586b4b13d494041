import { comparePositions, decodePosition, isPosition } from './positions';

describe('event store positions', () => {
  it('orders PostgreSQL positions by transaction id first, then global position', () => {
    expect(comparePositions('7421:1093', '7421:1094')).toBeLessThan(0);
    expect(comparePositions('7422:1', '7421:1094')).toBeGreaterThan(0);
    expect(comparePositions('10:5', '9:50')).toBeGreaterThan(0);
    expect(comparePositions('7421:1093', '7421:1093')).toBe(0);
  });

  it('orders EventStoreDB positions by commit, then prepare', () => {
    expect(comparePositions('100/90', '100/95')).toBeLessThan(0);
    expect(comparePositions('101/0', '100/95')).toBeGreaterThan(0);
  });

  it('puts the start of the store before every position', () => {
    expect(comparePositions(undefined, '0:0')).toBeLessThan(0);
    expect(comparePositions('0:0', undefined)).toBeGreaterThan(0);
    expect(comparePositions(undefined, undefined)).toBe(0);
  });

  it('compares beyond the safe integer range', () => {
    expect(comparePositions('18446744073709551615:1', '18446744073709551614:9')).toBeGreaterThan(0);
    expect(decodePosition('18446744073709551615:9223372036854775807').major).toBe(18446744073709551615n);
  });

  it('refuses what is not a position, and positions of two different stores', () => {
    expect(isPosition('12:34')).toBe(true);
    expect(isPosition('12/34')).toBe(true);
    expect(isPosition('12')).toBe(false);
    expect(isPosition('a:b')).toBe(false);
    expect(() => comparePositions('1:2', '1/2')).toThrow(/different event stores/);
    expect(() => comparePositions('nope', '1:2')).toThrow(/Not an event store position/);
  });
});
