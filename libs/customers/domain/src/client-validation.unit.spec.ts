import { applyClientPatch, parseClientDetails, validateClient } from './client-validation';
import { parseOrderDetails } from './order-validation';

const ivan = { firstName: 'Ivan', lastName: 'Petrov', middleName: 'Sergeevich', phone: '8 (916) 123-45-67', email: 'Ivan.Petrov@Example.com ' };

describe('client validation', () => {
  it('normalises a valid client: phone to E.164, email to lower case', () => {
    expect(parseClientDetails(ivan)).toEqual({
      ok: true,
      value: { firstName: 'Ivan', lastName: 'Petrov', middleName: 'Sergeevich', phone: '+79161234567', email: 'ivan.petrov@example.com' },
    });
  });

  it('names every missing required field', () => {
    expect(validateClient({})).toEqual([
      { field: 'firstName', message: 'is required' },
      { field: 'lastName', message: 'is required' },
      { field: 'phone', message: 'is required' },
    ]);
  });

  it('explains what a phone must look like', () => {
    expect(validateClient({ ...ivan, phone: '123' })).toEqual([
      { field: 'phone', message: 'must be a phone number in international format, e.g. +7 916 123-45-67' },
    ]);
  });

  it('refuses an email that is not one', () => {
    expect(validateClient({ ...ivan, email: 'ivan at example' })).toEqual([
      { field: 'email', message: 'must be an email address, e.g. ivan.petrov@example.com' },
    ]);
  });

  it('accepts a legal entity with its INN and organisation', () => {
    const result = parseClientDetails({ ...ivan, inn: '77 07 083893', organisation: ' Stroymontazh  LLC ' });
    expect(result.ok && result.value).toMatchObject({ inn: '7707083893', organisation: 'Stroymontazh LLC' });
  });

  it('refuses an INN with wrong check digits', () => {
    expect(validateClient({ ...ivan, inn: '7707083894', organisation: 'Stroymontazh LLC' }).map((e) => e.field)).toEqual(['inn']);
  });

  it('needs both the INN and the organisation for a legal entity', () => {
    expect(validateClient({ ...ivan, organisation: 'Stroymontazh LLC' })).toEqual([
      { field: 'inn', message: "is required for a legal entity: give the organisation's INN" },
    ]);
    expect(validateClient({ ...ivan, inn: '7707083893' })).toEqual([
      { field: 'organisation', message: "is required with a 10-digit INN: give the organisation's name" },
    ]);
  });

  it('lets a person have a 12-digit INN without an organisation', () => {
    expect(validateClient({ ...ivan, inn: '500100732259' })).toEqual([]);
  });

  it('checks only the given fields of partial data', () => {
    expect(validateClient({ email: 'new@example.com' }, { partial: true })).toEqual([]);
    expect(validateClient({ phone: 'none' }, { partial: true }).map((e) => e.field)).toEqual(['phone']);
  });

  it('applies a patch: absent fields stay, null clears', () => {
    const client = { firstName: 'Ivan', lastName: 'Petrov', phone: '+79161234567', email: 'ivan@example.com' };
    expect(applyClientPatch(client, { email: null, middleName: 'Sergeevich' })).toMatchObject({
      firstName: 'Ivan',
      email: null,
      middleName: 'Sergeevich',
      phone: '+79161234567',
    });
  });
});

describe('client tags', () => {
  it('are kept lower case, trimmed, each once, in the order given', () => {
    const result = parseClientDetails({ ...ivan, tags: [' VIP ', 'key  account', 'vip', 'Север'] });
    expect(result.ok && result.value.tags).toEqual(['vip', 'key account', 'север']);
  });

  it('refuse more than 20, and a tag that is not letters and digits, naming the tag', () => {
    const many = parseClientDetails({ ...ivan, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
    expect(many.ok ? [] : many.errors.map((e) => e.field)).toEqual(['tags']);
    const odd = parseClientDetails({ ...ivan, tags: ['vip', '<b>', 'x'.repeat(51)] });
    expect(odd.ok ? [] : odd.errors.map((e) => e.field)).toEqual(['tags.1', 'tags.2']);
  });

  it('are replaced as a whole by a patch, cleared by null, kept when the patch does not name them', () => {
    const tagged = { ...ivan, phone: '+79161234567', tags: ['vip'] };
    expect(applyClientPatch(tagged, { tags: ['north'] }).tags).toEqual(['north']);
    expect(applyClientPatch(tagged, { tags: null }).tags).toBeNull();
    expect(applyClientPatch(tagged, { email: null }).tags).toEqual(['vip']);
  });
});

describe('order validation', () => {
  it('keeps the cost as decimal text with two decimals', () => {
    expect(parseOrderDetails({ code: ' ORD-1 ', name: 'Fibre', cost: '890.5' })).toEqual({ ok: true, value: { code: 'ORD-1', name: 'Fibre', cost: '890.50' } });
  });

  it('refuses a cost that is not an amount', () => {
    const result = parseOrderDetails({ code: 'ORD-1', name: 'Fibre', cost: '1e3' });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['cost']);
  });

  it('names every missing field', () => {
    const result = parseOrderDetails({});
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['code', 'name', 'cost']);
  });
});
