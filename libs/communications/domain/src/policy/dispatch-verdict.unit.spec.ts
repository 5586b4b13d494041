import { defaultCommunicationChannels } from '../reference/communication-channel';
import { defaultCommunicationTypes } from '../reference/communication-type';
import { availableClient } from './client-availability';
import { chooseChannel } from './channel-choice';
import { dispatchVerdict } from './dispatch-verdict';
import type { DispatchContext } from './dispatch-verdict';

const type = (code: string) => {
  const found = defaultCommunicationTypes.find((t) => t.code === code);
  if (!found) throw new Error(`no type ${code}`);
  return found;
};
const now = new Date('2026-12-06T12:00:00.000Z'); // 15:00 in Moscow
const context = (over: Partial<DispatchContext> = {}): DispatchContext => ({
  now,
  type: type('mass'),
  channels: defaultCommunicationChannels,
  availability: availableClient,
  quietHours: { start: '22:00', end: '08:00', timeZone: 'Europe/Moscow' },
  preferred: ['messenger', 'sms'],
  addresses: { messenger: '5551234', sms: '+79160000001' },
  rateLimits: [],
  sent: [],
  ...over,
});

describe('the dispatch policies', () => {
  it('send by the department’s first preferred channel the client has', () => {
    expect(dispatchVerdict('mass', context())).toEqual({ kind: 'dispatch', channel: 'messenger', address: '5551234', marketing: true });
  });

  it('mark a marketing type’s dispatch (its Telegram message carries "Unsubscribe"), and only a marketing type’s', () => {
    const service = { code: 'service', name: 'Service', status: 'active' as const, marketing: false, heldInQuietHours: false };
    expect(dispatchVerdict('service', context({ type: service }))).toEqual({ kind: 'dispatch', channel: 'messenger', address: '5551234' });
  });

  it('fall back past a channel the client has no address on, and past a blocked channel', () => {
    expect(dispatchVerdict('mass', context({ addresses: { sms: '+79160000001' } }))).toMatchObject({ channel: 'sms' });
    const messengerBlocked = defaultCommunicationChannels.map((c) => (c.code === 'messenger' ? { ...c, status: 'blocked' as const } : c));
    expect(dispatchVerdict('mass', context({ channels: messengerBlocked }))).toMatchObject({ channel: 'sms' });
  });

  it('fail, naming each channel passed over, when none can carry it', () => {
    expect(dispatchVerdict('mass', context({ addresses: { email: 'a@b.c' } }))).toEqual({
      kind: 'fail',
      reason: 'no-channel',
      detail: 'no channel can carry it (messenger: no address; sms: no address)',
    });
  });

  it('use the default order when the department prefers nothing, and only the demanded channel when there is one', () => {
    expect(dispatchVerdict('mass', context({ preferred: [], addresses: { email: 'a@b.c', push: 'sub-1' } }))).toMatchObject({ channel: 'email' });
    expect(dispatchVerdict('personal', context({ type: type('personal'), demandedChannel: 'sms' }))).toMatchObject({ channel: 'sms' });
    expect(chooseChannel({ preferred: ['messenger'], channels: defaultCommunicationChannels, addresses: {}, demanded: 'email' }).passed).toEqual([
      { channel: 'email', why: 'no-address' },
    ]);
  });

  it('block an unknown or blocked type, a blocked client, and a marketing type the client opted out of', () => {
    expect(dispatchVerdict('nope', context({ type: undefined }))).toMatchObject({ kind: 'block', rule: 'type-unknown' });
    expect(dispatchVerdict('mass', context({ type: { ...type('mass'), status: 'blocked' } }))).toMatchObject({ kind: 'block', rule: 'type-blocked' });
    expect(dispatchVerdict('mass', context({ availability: { ...availableClient, status: 'blocked' } }))).toMatchObject({ rule: 'client-blocked' });
    const stopped = { ...availableClient, optedOut: ['marketing'] };
    expect(dispatchVerdict('mass', context({ availability: stopped }))).toMatchObject({ kind: 'block', rule: 'opted-out' });
    expect(dispatchVerdict('commercial-survey', context({ type: type('commercial-survey'), availability: stopped }))).toMatchObject({ rule: 'opted-out' });
    // STOP is about marketing: service messages still reach the client.
    expect(dispatchVerdict('service', context({ type: type('service'), availability: stopped }))).toMatchObject({ kind: 'dispatch' });
  });

  it('book until a blocked period ends; an open-ended one blocks', () => {
    const away = { ...availableClient, blockedPeriods: [{ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-10T00:00:00Z') }] };
    expect(dispatchVerdict('mass', context({ availability: away }))).toEqual({
      kind: 'book',
      until: new Date('2026-12-10T00:00:00Z'),
      reason: 'client-unavailable',
    });
    const gone = { ...availableClient, blockedPeriods: [{ from: new Date('2026-12-01T00:00:00Z') }] };
    expect(dispatchVerdict('mass', context({ availability: gone }))).toMatchObject({ kind: 'block', rule: 'client-blocked' });
  });

  it('hold a mass message in the client’s quiet hours, never a reply', () => {
    const night = new Date('2026-12-06T20:00:00.000Z'); // 23:00 in Moscow
    expect(dispatchVerdict('mass', context({ now: night }))).toEqual({ kind: 'book', until: new Date('2026-12-07T05:00:00.000Z'), reason: 'quiet-hours' });
    expect(dispatchVerdict('personal', context({ now: night, type: type('personal') }))).toMatchObject({ kind: 'dispatch' });
  });

  it('book past the department’s rate limit, or refuse when the rule says so', () => {
    const rule = { id: 'three-an-hour', limit: 3, unit: 'hour' as const, units: 1 };
    const sent = [10, 20, 30].map((m) => ({ at: new Date(now.getTime() - m * 60_000), type: 'mass' }));
    expect(dispatchVerdict('mass', context({ rateLimits: [rule], sent }))).toEqual({
      kind: 'book',
      until: new Date('2026-12-06T12:30:00.000Z'),
      reason: 'rate-limit',
      rule: 'three-an-hour',
    });
    expect(dispatchVerdict('mass', context({ rateLimits: [{ ...rule, overLimit: 'refuse' }], sent }))).toMatchObject({ kind: 'block', rule: 'rate-limit' });
  });
});
