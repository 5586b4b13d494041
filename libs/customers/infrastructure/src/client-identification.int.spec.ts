import { ClientNotFoundError, CustomersValidationError, OrderNotFoundError, OrderOfAnotherClientError } from '@switchboard/customers';
import { normalisePhone, splitFullName } from '@switchboard/customers/domain';
import { newId, startCustomersTestKit } from './testing/customers-test-kit';
import type { CustomersTestKit } from './testing/customers-test-kit';
import { legacyClientWithOrder, legacyDuplicatePair } from './testing/legacy-examples';

const now = new Date('2026-11-24T10:00:00Z');

describe('client identification with the LegacyDB lazy migration', () => {
  let kit: CustomersTestKit;

  beforeAll(async () => {
    kit = await startCustomersTestKit('identify');
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('links our client and our order (case 1)', async () => {
    const client = { id: newId(), firstName: 'Maria', lastName: 'Sokolova', phone: '+79035550101', email: 'm.sokolova@example.com' };
    await kit.repository.upsertClient(client);
    const order = { id: newId(), code: 'ORD-100004', name: 'Fibre 100 Mbit/s', cost: '490.00', createdAt: now, clientId: client.id };
    await kit.repository.upsertOrder(order);

    const result = await kit.identification.identify({ phone: '8 (903) 555-01-01', orderCode: 'ORD-100004', now, newId });

    expect(result).toEqual({ clientId: client.id, orderId: order.id, case: 1, client: 'ours', order: 'ours', legalEntity: false });
  });

  it('copies an order only the LegacyDB has and links it to our client (case 2)', async () => {
    const legacy = await legacyClientWithOrder(kit);
    const first = await kit.identification.identify({ legacyClientId: legacy.client_no, now, newId });
    expect(first).toMatchObject({ case: 3, client: 'legacy' });

    const result = await kit.identification.identify({ phone: legacy.tel, orderCode: legacy.order_no, now, newId });

    expect(result).toMatchObject({ clientId: first.clientId, case: 2, client: 'ours', order: 'legacy' });
    const copied = await kit.repository.findOrderByCode(legacy.order_no);
    expect(copied).toMatchObject({ id: result.orderId, clientId: first.clientId, cost: legacy.summa });
    const [source] = await kit.legacySql<{ dt: Date }>("SELECT dt AT TIME ZONE 'Europe/Moscow' AS dt FROM legacy_orders WHERE order_no = $1", [
      legacy.order_no,
    ]);
    expect(copied?.createdAt.toISOString()).toBe(source.dt.toISOString());
  });

  it('copies a client only the LegacyDB has, enriched with what the request knows, with their order (case 3)', async () => {
    const legacy = await legacyClientWithOrder(kit, 'c.e_mail IS NULL');

    const result = await kit.identification.identify({
      phone: legacy.tel,
      orderCode: legacy.order_no,
      newClient: { email: 'found.by.phone@example.com' },
      now,
      newId,
    });

    expect(result).toMatchObject({ case: 3, client: 'legacy', order: 'legacy' });
    const name = splitFullName(legacy.fio);
    expect(await kit.repository.findClientById(result.clientId)).toEqual({
      id: result.clientId,
      legacyId: legacy.client_no,
      lastName: name.lastName,
      firstName: name.firstName,
      ...(name.middleName ? { middleName: name.middleName } : {}),
      phone: normalisePhone(legacy.tel),
      email: 'found.by.phone@example.com',
      revision: 0,
    });
    expect(await kit.repository.findClientByLegacyId(legacy.client_no)).toMatchObject({ id: result.clientId });
    expect(await kit.repository.findOrderByCode(legacy.order_no)).toMatchObject({ id: result.orderId, clientId: result.clientId, cost: legacy.summa });
  });

  it('copies a legacy client chosen by legacy id and creates their new order (case 3)', async () => {
    const legacy = await legacyClientWithOrder(kit);

    const result = await kit.identification.identify({
      legacyClientId: legacy.client_no,
      newOrder: { code: 'NEW-000001', name: 'Router rental', cost: '1500.5' },
      now,
      newId,
    });

    expect(result).toMatchObject({ case: 3, client: 'legacy', order: 'new' });
    expect(await kit.repository.findOrderByCode('NEW-000001')).toEqual({
      id: result.orderId,
      code: 'NEW-000001',
      name: 'Router rental',
      cost: '1500.50',
      createdAt: now,
      clientId: result.clientId,
    });
  });

  it('creates both the client and the order when neither exists anywhere (case 4)', async () => {
    const result = await kit.identification.identify({
      phone: '+44 20 7946 0018',
      orderCode: 'NEW-000002',
      newClient: { firstName: 'Anna', lastName: 'Volkova', email: 'anna@example.com' },
      newOrder: { name: 'IP telephony, 2 lines', cost: '4200' },
      now,
      newId,
    });

    expect(result).toMatchObject({ case: 4, client: 'new', order: 'new' });
    expect(await kit.repository.findClientById(result.clientId)).toEqual({
      id: result.clientId,
      firstName: 'Anna',
      lastName: 'Volkova',
      phone: '+442079460018',
      email: 'anna@example.com',
      revision: 0,
    });
    expect(await kit.repository.findOrderByCode('NEW-000002')).toMatchObject({ clientId: result.clientId, cost: '4200.00' });
  });

  it('finds a migrated client as ours the next time', async () => {
    const legacy = await legacyClientWithOrder(kit);
    const first = await kit.identification.identify({ phone: legacy.tel, now, newId });
    const again = await kit.identification.identify({ legacyClientId: legacy.client_no, now, newId });
    const byPhone = await kit.identification.identify({ phone: normalisePhone(legacy.tel), now, newId });

    expect(first).toMatchObject({ case: 3, client: 'legacy' });
    expect(again).toEqual({ clientId: first.clientId, case: 1, client: 'ours', legalEntity: false });
    expect(byPhone).toEqual({ clientId: first.clientId, case: 1, client: 'ours', legalEntity: false });
  });

  it('resolves a legacy duplicate whose phone is already our client to that client', async () => {
    const pair = await legacyDuplicatePair(kit, 0);
    expect(normalisePhone(pair.tel1)).toBe(normalisePhone(pair.tel2));

    const first = await kit.identification.identify({ legacyClientId: pair.first, now, newId });
    const second = await kit.identification.identify({ legacyClientId: pair.second, now, newId });

    expect(second).toEqual({ clientId: first.clientId, case: 1, client: 'ours', legalEntity: false });
    expect(await kit.sql('SELECT id FROM customers_clients WHERE phone = $1', [normalisePhone(pair.tel1)])).toHaveLength(1);
    expect(await kit.repository.findClientByLegacyId(pair.second)).toMatchObject({ id: first.clientId });
  });

  it('links every legacy record of a phone when the client is found by phone', async () => {
    const pair = await legacyDuplicatePair(kit, 1);

    const result = await kit.identification.identify({ phone: pair.tel2, now, newId });

    expect(result).toMatchObject({ case: 3, client: 'legacy' });
    expect(await kit.repository.findClientById(result.clientId)).toMatchObject({ legacyId: pair.first });
    expect(await kit.repository.findClientByLegacyId(pair.second)).toMatchObject({ id: result.clientId });
  });

  it('refuses to link an order of another client', async () => {
    const owner = await legacyClientWithOrder(kit);
    const stranger = await legacyClientWithOrder(kit);

    await expect(kit.identification.identify({ phone: stranger.tel, orderCode: owner.order_no, now, newId })).rejects.toBeInstanceOf(OrderOfAnotherClientError);
    expect(await kit.repository.findOrderByCode(owner.order_no)).toBeUndefined();
  });

  it('says so when an order code is nowhere and there are no details to create it', async () => {
    const legacy = await legacyClientWithOrder(kit);
    await expect(kit.identification.identify({ phone: legacy.tel, orderCode: 'NOWHERE-1', now, newId })).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('says so when nobody matches and there are no details to create a client', async () => {
    await expect(kit.identification.identify({ phone: '+44 20 7946 0999', now, newId })).rejects.toBeInstanceOf(ClientNotFoundError);
  });

  it("explains a new client's invalid details field by field", async () => {
    const attempt = kit.identification.identify({
      phone: '+44 20 7946 0777',
      newClient: { firstName: 'Anna', email: 'not an email', inn: '7707083894' },
      now,
      newId,
    });
    await expect(attempt).rejects.toBeInstanceOf(CustomersValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: [
        { field: 'newClient.lastName', message: 'is required' },
        { field: 'newClient.email', message: 'must be an email address, e.g. ivan.petrov@example.com' },
        { field: 'newClient.inn', message: 'must be an INN: 10 digits for an organisation or 12 for a person, with valid check digits' },
      ],
    });
  });

  it('refuses a phone that is not a phone number', async () => {
    await expect(kit.identification.identify({ phone: 'нет', now, newId })).rejects.toMatchObject({
      errors: [{ field: 'phone', message: 'must be a phone number in international format, e.g. +7 916 123-45-67' }],
    });
  });
});
