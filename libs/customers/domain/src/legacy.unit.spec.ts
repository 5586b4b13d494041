import { clientFromLegacy, orderFromLegacy } from './legacy';

const record = { legacyId: 42, fullName: 'PETROV IVAN SERGEEVICH', phone: '8 (916) 123-45-67' };

describe('clients copied from the LegacyDB', () => {
  it('split the full name and normalise the phone', () => {
    expect(clientFromLegacy(record, { id: 'c1' })).toEqual({
      ok: true,
      value: { id: 'c1', legacyId: 42, lastName: 'Petrov', firstName: 'Ivan', middleName: 'Sergeevich', phone: '+79161234567' },
    });
  });

  it('drop an unusable email and take the one the request knows', () => {
    const result = clientFromLegacy({ ...record, email: 'нет' }, { id: 'c1', enrichment: { email: 'ivan@example.com' } });
    expect(result.ok && result.value.email).toBe('ivan@example.com');
  });

  it('keep the legacy values where both are good', () => {
    const result = clientFromLegacy({ ...record, email: 'old@example.com' }, { id: 'c1', enrichment: { email: 'new@example.com', phone: '+79035550101' } });
    expect(result.ok && [result.value.email, result.value.phone]).toEqual(['old@example.com', '+79161234567']);
  });

  it('take the phone from the request when the legacy one is unusable', () => {
    expect(clientFromLegacy({ ...record, phone: 'нет' }, { id: 'c1', enrichment: { phone: '+7 903 555-01-01' } })).toMatchObject({
      ok: true,
      value: { phone: '+79035550101' },
    });
  });

  it('refuse a record without a usable phone, saying which', () => {
    expect(clientFromLegacy({ ...record, phone: 'нет' }, { id: 'c1' })).toEqual({
      ok: false,
      errors: [{ field: 'phone', message: 'must be a phone number in international format, e.g. +7 916 123-45-67 (legacy client 42 has "нет")' }],
    });
  });

  it('keep a legal entity with a valid INN and drop an invalid INN', () => {
    expect(clientFromLegacy({ ...record, inn: '7707083893', organisation: 'OOO "Romashka"' }, { id: 'c1' })).toMatchObject({
      value: { inn: '7707083893', organisation: 'OOO "Romashka"' },
    });
    const invalidInn = clientFromLegacy({ ...record, inn: '12345', organisation: 'OOO "Romashka"' }, { id: 'c1' });
    expect(invalidInn.ok && invalidInn.value.inn).toBeUndefined();
  });
});

describe('orders copied from the LegacyDB', () => {
  const order = { code: 'ZK-0000001', legacyClientId: 42, description: ' Router  rental ', cost: '1500.00', createdAt: new Date('2019-03-01T09:00:00Z') };

  it('keep code, amount and date, owned by our client', () => {
    expect(orderFromLegacy(order, { id: 'o1', clientId: 'c1' })).toEqual({
      ok: true,
      value: { id: 'o1', code: 'ZK-0000001', name: 'Router rental', cost: '1500.00', createdAt: order.createdAt, clientId: 'c1' },
    });
  });

  it('name an order without a description by its code', () => {
    expect(orderFromLegacy({ ...order, description: '' }, { id: 'o1', clientId: 'c1' })).toMatchObject({ value: { name: 'Order ZK-0000001' } });
  });
});
