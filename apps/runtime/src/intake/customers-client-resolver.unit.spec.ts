import type { ClientIdentification } from '@switchboard/customers';
import type { ClientUnit } from '@switchboard/estate';
import { CustomersClientResolver } from './customers-client-resolver';

const identification = { identify: async () => ({ client: 'ours', clientId: 'client-1' }) } as unknown as ClientIdentification;
const held = (unitId: string, buildingId: string) => ({ unit: { id: unitId, buildingId, siteSlug: 'river-park' } }) as ClientUnit;

describe('the unit a request from a channel is about', () => {
  it('is the client’s only unit, with its building and site', async () => {
    const resolver = new CustomersClientResolver(identification, { currentUnitsOf: async () => [held('unit-12', 'house-1')] });
    expect(await resolver.resolve({ phone: '+79161112233' })).toMatchObject({
      clientId: 'client-1',
      unit: { unitId: 'unit-12', buildingId: 'house-1', siteSlug: 'river-park' },
    });
  });

  it('is the unit of two relations to it (owner who also lives there)', async () => {
    const resolver = new CustomersClientResolver(identification, { currentUnitsOf: async () => [held('unit-12', 'house-1'), held('unit-12', 'house-1')] });
    expect((await resolver.resolve({ phone: '+79161112233' })).unit).toEqual({ unitId: 'unit-12', buildingId: 'house-1', siteSlug: 'river-park' });
  });

  it('is left for the operator to ask when the client holds several units or none', async () => {
    const several = new CustomersClientResolver(identification, { currentUnitsOf: async () => [held('unit-12', 'house-1'), held('p-1', 'house-1')] });
    expect((await several.resolve({ phone: '+79161112233' })).unit).toBeUndefined();
    const none = new CustomersClientResolver(identification, { currentUnitsOf: async () => [] });
    expect(await none.resolve({ phone: '+79161112233' })).toMatchObject({ clientId: 'client-1' });
    expect((await none.resolve({ phone: '+79161112233' })).unit).toBeUndefined();
  });

  it('never stops a contact: when the estate cannot answer the request is registered without a unit', async () => {
    const resolver = new CustomersClientResolver(identification, {
      currentUnitsOf: async () => {
        throw new Error('estate down');
      },
    });
    expect(await resolver.resolve({ phone: '+79161112233' })).toMatchObject({ clientId: 'client-1' });
  });
});
