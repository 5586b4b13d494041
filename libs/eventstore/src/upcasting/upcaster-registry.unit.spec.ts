import type { RecordedEvent } from '../event-store.port';
import { UpcasterRegistry } from './upcaster-registry';

const recorded = (type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id: '5f0c7c9e-4a7b-4a53-9a36-6c1de6c1f0aa',
  type,
  streamId: 'request-1',
  revision: 0n,
  position: '1:1',
  data,
  metadata,
  createdAt: new Date(0),
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register('RequestRegistered', 1, (data) => ({ ...(data as object), channel: 'unknown' }))
    .register('RequestRegistered', 2, (data) => {
      const { text, ...rest } = data as { text: string };
      return { ...rest, message: { text } };
    });

  it('writes new events at the version after the last upcaster, or 1 without one', () => {
    expect(registry.currentVersion('RequestRegistered')).toBe(3);
    expect(registry.currentVersion('RequestClosed')).toBe(1);
  });

  it('lifts an event without a version through every step', () => {
    const event = registry.upcast(recorded('RequestRegistered', { text: 'hi' }));
    expect(event.data).toEqual({ channel: 'unknown', message: { text: 'hi' } });
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('starts from the version in the metadata', () => {
    const event = registry.upcast(recorded('RequestRegistered', { text: 'hi', channel: 'sms' }, { schemaVersion: 2, by: 'u1' }));
    expect(event.data).toEqual({ channel: 'sms', message: { text: 'hi' } });
    expect(event.metadata).toEqual({ schemaVersion: 3, by: 'u1' });
  });

  it('returns current, newer and unknown events unchanged', () => {
    for (const event of [
      recorded('RequestRegistered', { message: { text: 'hi' } }, { schemaVersion: 3 }),
      recorded('RequestRegistered', { future: true }, { schemaVersion: 4 }),
      recorded('RequestClosed', { reason: 'x' }),
    ]) {
      expect(registry.upcast(event)).toBe(event);
    }
  });

  it('refuses a step out of order', () => {
    expect(() => new UpcasterRegistry().register('X', 2, (d) => d)).toThrow(RangeError);
    expect(() => new UpcasterRegistry().register('X', 1, (d) => d).register('X', 1, (d) => d)).toThrow(RangeError);
  });
});
