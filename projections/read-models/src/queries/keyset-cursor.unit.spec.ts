import { decodeCursor, encodeCursor, keysetOf } from './keyset-cursor';
import { InvalidQueryError } from './sql';

describe('keyset cursors', () => {
  it('maps each sort to an indexed column and direction', () => {
    expect(keysetOf(undefined)).toEqual({ column: 'updated_at', direction: 'DESC' });
    expect(keysetOf('createdAt')).toEqual({ column: 'created_at', direction: 'ASC' });
    expect(() => keysetOf('-subject' as never)).toThrow(InvalidQueryError);
  });

  it('round-trips the last row of a page', () => {
    const cursor = encodeCursor('-updatedAt', new Date('2026-11-23T10:00:00.123Z'), '5b0a0000-0000-4000-8000-000000000111');
    expect(decodeCursor(cursor, '-updatedAt')).toEqual({ value: '2026-11-23T10:00:00.123Z', id: '5b0a0000-0000-4000-8000-000000000111' });
  });

  it('refuses a cursor of another sort or one it did not issue', () => {
    const cursor = encodeCursor('-updatedAt', new Date(), '5b0a0000-0000-4000-8000-000000000111');
    expect(() => decodeCursor(cursor, 'createdAt')).toThrow(/belongs to sort -updatedAt/);
    expect(() => decodeCursor('not-a-cursor', '-updatedAt')).toThrow(InvalidQueryError);
    expect(() => decodeCursor(Buffer.from('{"s":"-updatedAt","v":"x","id":"y"}').toString('base64url'), '-updatedAt')).toThrow(InvalidQueryError);
  });
});
