import { ClientNotFoundError, CustomersValidationError, StaleClientError } from '@switchboard/customers';
import { normalisePhone, splitFullName } from '@switchboard/customers/domain';
import { newId, startCustomersTestKit } from './testing/customers-test-kit';
import type { CustomersTestKit } from './testing/customers-test-kit';
import { legacyClientWithOrder } from './testing/legacy-examples';

describe('client editing', () => {
  let kit: CustomersTestKit;

  beforeAll(async () => {
    kit = await startCustomersTestKit('editing');
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('edits our client and keeps the name searchable under its new spelling', async () => {
    const id = newId();
    await kit.repository.upsertClient({ id, firstName: 'Ivan', lastName: 'Petrov', phone: '+79161234567' });

    const edited = await kit.editing.update({ clientId: id, patch: { lastName: 'Petrov-Vodkin', email: 'Ivan@Example.com', middleName: 'Sergeevich' }, newId });

    expect(edited).toEqual({
      client: { id, firstName: 'Ivan', lastName: 'Petrov-Vodkin', middleName: 'Sergeevich', phone: '+79161234567', email: 'ivan@example.com', revision: 1 },
      migrated: false,
    });
    expect(await kit.repository.findClientById(id)).toEqual(edited.client);
    const found = await kit.search.search({ q: 'vodkin' });
    expect(found.items).toEqual([expect.objectContaining({ source: 'ours', id })]);
  });

  it('migrates a legacy-only client first, then edits it', async () => {
    const legacy = await legacyClientWithOrder(kit);

    const edited = await kit.editing.update({ legacyClientId: legacy.client_no, patch: { email: 'changed@example.com' }, newId });

    const name = splitFullName(legacy.fio);
    expect(edited.migrated).toBe(true);
    expect(edited.client).toMatchObject({
      legacyId: legacy.client_no,
      lastName: name.lastName,
      phone: normalisePhone(legacy.tel),
      email: 'changed@example.com',
    });
    expect(await kit.repository.findClientByLegacyId(legacy.client_no)).toEqual(edited.client);

    const again = await kit.editing.update({ legacyClientId: legacy.client_no, patch: { email: null }, newId });
    expect(again.migrated).toBe(false);
    expect(again.client.id).toBe(edited.client.id);
    expect(again.client.email).toBeUndefined();
  });

  it('migrates a legacy client whose phone is unusable once the edit gives a phone', async () => {
    const [legacy] = await kit.legacySql<{ client_no: number; tel: string | null }>(
      "SELECT client_no, tel FROM legacy_clients WHERE length(regexp_replace(coalesce(tel, ''), '[^0-9]', '', 'g')) < 10 ORDER BY client_no LIMIT 1",
    );
    expect(legacy).toBeDefined();
    await expect(kit.editing.update({ legacyClientId: legacy.client_no, patch: { email: 'x@example.com' }, newId })).rejects.toMatchObject({
      errors: [expect.objectContaining({ field: 'phone' })],
    });
    expect(await kit.repository.findClientByLegacyId(legacy.client_no)).toBeUndefined();

    const edited = await kit.editing.update({ legacyClientId: legacy.client_no, patch: { phone: '+7 (926) 000-11-22' }, newId });

    expect(edited).toMatchObject({ migrated: true, client: { legacyId: legacy.client_no, phone: '+79260001122' } });
  });

  it('refuses a phone that belongs to another client', async () => {
    const a = newId();
    const b = newId();
    await kit.repository.upsertClient({ id: a, firstName: 'Anna', lastName: 'Belova', phone: '+79990001001' });
    await kit.repository.upsertClient({ id: b, firstName: 'Boris', lastName: 'Belov', phone: '+79990001002' });

    await expect(kit.editing.update({ clientId: b, patch: { phone: '8 999 000 10 01' }, newId })).rejects.toMatchObject({
      errors: [{ field: 'phone', message: 'belongs to another client' }],
    });
    expect(await kit.repository.findClientById(b)).toMatchObject({ phone: '+79990001002' });
  });

  it('explains invalid changes field by field and stores nothing', async () => {
    const id = newId();
    await kit.repository.upsertClient({ id, firstName: 'Oleg', lastName: 'Kuznetsov', phone: '+79990001003' });

    const attempt = kit.editing.update({ clientId: id, patch: { firstName: '', email: 'oleg@', organisation: 'Stroymontazh LLC' }, newId });

    await expect(attempt).rejects.toBeInstanceOf(CustomersValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: [
        { field: 'firstName', message: 'is required' },
        { field: 'email', message: 'must be an email address, e.g. ivan.petrov@example.com' },
        { field: 'inn', message: "is required for a legal entity: give the organisation's INN" },
      ],
    });
    expect(await kit.repository.findClientById(id)).toEqual({ id, firstName: 'Oleg', lastName: 'Kuznetsov', phone: '+79990001003', revision: 0 });
  });

  it('migrates nothing when the edit of a legacy client is invalid', async () => {
    const legacy = await legacyClientWithOrder(kit);

    await expect(kit.editing.update({ legacyClientId: legacy.client_no, patch: { email: 'nope' }, newId })).rejects.toBeInstanceOf(CustomersValidationError);

    expect(await kit.repository.findClientByLegacyId(legacy.client_no)).toBeUndefined();
  });

  it('says so when the client is neither ours nor in the LegacyDB', async () => {
    await expect(kit.editing.update({ clientId: newId(), patch: { email: 'a@example.com' }, newId })).rejects.toBeInstanceOf(ClientNotFoundError);
    await expect(kit.editing.update({ legacyClientId: 99_999_999, patch: { email: 'a@example.com' }, newId })).rejects.toBeInstanceOf(ClientNotFoundError);
  });

  describe('history and revisions', () => {
    const history = (clientId: string) =>
      kit.sql('SELECT revision::int AS revision, change, changes, changed_by FROM customers_client_changes WHERE client_id = $1 ORDER BY id', [clientId]);

    it('records who created a client and who changed what, one revision per edit', async () => {
      const created = await kit.identification.identify({
        phone: '+79990001010',
        newClient: { firstName: 'Lev', lastName: 'Gromov' },
        now: new Date(),
        newId,
        by: 'operator-1',
      });
      await kit.editing.update({ clientId: created.clientId, patch: { email: 'lev@example.com' }, newId, by: 'operator-2', expectedRevision: 0 });
      const unchanged = await kit.editing.update({ clientId: created.clientId, patch: { email: 'lev@example.com' }, newId, by: 'operator-2' });
      expect(unchanged.client.revision).toBe(1);
      expect(await history(created.clientId)).toEqual([
        {
          revision: 0,
          change: 'created',
          changes: { firstName: { from: null, to: 'Lev' }, lastName: { from: null, to: 'Gromov' }, phone: { from: null, to: '+79990001010' } },
          changed_by: 'operator-1',
        },
        { revision: 1, change: 'edited', changes: { email: { from: null, to: 'lev@example.com' } }, changed_by: 'operator-2' },
      ]);
    });

    it('refuses an edit naming a revision the client has left, and writes nothing', async () => {
      const id = newId();
      await kit.repository.upsertClient({ id, firstName: 'Vera', lastName: 'Orlova', phone: '+79990001011' });
      await kit.editing.update({ clientId: id, patch: { email: 'vera@example.com' }, newId, by: 'operator-1', expectedRevision: 0 });
      await expect(
        kit.editing.update({ clientId: id, patch: { email: 'other@example.com' }, newId, by: 'operator-2', expectedRevision: 0 }),
      ).rejects.toMatchObject({
        constructor: StaleClientError,
        expectedRevision: 0,
        actualRevision: 1,
      });
      expect(await kit.repository.findClientById(id)).toMatchObject({ email: 'vera@example.com', revision: 1 });
    });

    it('applies concurrent edits without If-Match one after the other, each recorded', async () => {
      const id = newId();
      await kit.repository.upsertClient({ id, firstName: 'Ilya', lastName: 'Sokolov', phone: '+79990001012' });
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => kit.editing.update({ clientId: id, patch: { email: `ilya${i}@example.com` }, newId, by: `operator-${i}` })),
      );
      const entries = (await history(id)) as { revision: number }[];
      expect(entries.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await kit.repository.findClientById(id)).toMatchObject({ revision: 8 });
    });

    it('records an order added to a client', async () => {
      const created = await kit.identification.identify({
        phone: '+79990001013',
        newClient: { firstName: 'Gleb', lastName: 'Titov' },
        orderCode: 'HIST-1',
        newOrder: { name: 'Fibre', cost: '10.00' },
        now: new Date(),
        newId,
        by: 'operator-3',
      });
      expect(
        ((await history(created.clientId)) as { change: string; changes: unknown; changed_by: string }[]).map((e) => [e.change, e.changes, e.changed_by]),
      ).toEqual([
        ['created', expect.any(Object), 'operator-3'],
        ['order-added', { order: { from: null, to: 'HIST-1' } }, 'operator-3'],
      ]);
    });
  });
});
