import type { LookupAddress, lookup } from 'node:dns';
import { guardedLookup, isInternalAddress, refusedWebhookUrl } from './webhook-destination';

const closed = { allowPrivateNetworks: false };
const open = { allowPrivateNetworks: true };

/** A resolver that answers every name with the given addresses. */
const answering = (...addresses: string[]) =>
  ((_name: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    )) as unknown as typeof lookup;

const resolveWith = (rule: typeof closed, resolver: typeof lookup, all = false) =>
  new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
    guardedLookup(rule, resolver)('hooks.example.com', { all } as never, (error, address) => resolve({ error, address })),
  );

describe('webhook destinations', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('count %s as the installation’s own network', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4010:c05::71', '::ffff:93.184.216.34'])('count %s as outside', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it('refuse a URL to an internal address literal or to this machine by name, and say why', () => {
    expect(refusedWebhookUrl('http://169.254.169.254/latest/meta-data', closed)).toMatch(/169\.254\.169\.254 is in a private, loopback or reserved network/);
    expect(refusedWebhookUrl('http://[::1]:8080/hooks', closed)).toMatch(/::1 is in a private/);
    expect(refusedWebhookUrl('https://LOCALHOST/hooks', closed)).toMatch(/localhost is this machine/);
    expect(refusedWebhookUrl('https://api.localhost/hooks', closed)).toMatch(/this machine/);
    expect(refusedWebhookUrl('https://hooks.example.com/switchboard', closed)).toBeUndefined();
    expect(refusedWebhookUrl('http://10.0.0.7/hooks', open)).toBeUndefined();
  });

  it('refuse a connection to a name that resolves inside, even when only one of its addresses does', async () => {
    const refused = await resolveWith(closed, answering('93.184.216.34', '10.0.0.5'));
    expect(refused.error?.message).toBe('hooks.example.com resolves to 10.0.0.5, in a private, loopback or reserved network');
    expect(refused.error?.code).toBe('EWEBHOOKDESTINATION');
  });

  it('connect to a name that resolves outside, or inside when the installation allows it', async () => {
    expect(await resolveWith(closed, answering('93.184.216.34'))).toEqual({ error: null, address: '93.184.216.34' });
    expect(await resolveWith(open, answering('10.0.0.5'))).toEqual({ error: null, address: '10.0.0.5' });
    expect((await resolveWith(closed, answering('93.184.216.34'), true)).address).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });
});
