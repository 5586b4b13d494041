import { clientChanges } from './client-changes';

describe('what changed on a client', () => {
  const ivan = { firstName: 'Ivan', lastName: 'Petrov', phone: '+79161234567' };

  it('names each field that differs, with its old and new value', () => {
    expect(clientChanges(ivan, { ...ivan, email: 'ivan@example.com', lastName: 'Petrov-Vodkin' })).toEqual({
      lastName: { from: 'Petrov', to: 'Petrov-Vodkin' },
      email: { from: null, to: 'ivan@example.com' },
    });
  });

  it('names a cleared field and nothing for an unchanged client', () => {
    expect(clientChanges({ ...ivan, middleName: 'Sergeevich' }, ivan)).toEqual({ middleName: { from: 'Sergeevich', to: null } });
    expect(clientChanges(ivan, { ...ivan })).toEqual({});
  });

  it('names every set field of a new client', () => {
    expect(clientChanges(undefined, ivan)).toEqual({
      firstName: { from: null, to: 'Ivan' },
      lastName: { from: null, to: 'Petrov' },
      phone: { from: null, to: '+79161234567' },
    });
  });

  it('names a change of tags as one line', () => {
    expect(clientChanges({ ...ivan, tags: ['vip'] }, { ...ivan, tags: ['vip', 'north'] })).toEqual({ tags: { from: 'vip', to: 'vip, north' } });
    expect(clientChanges({ ...ivan, tags: ['vip'] }, ivan)).toEqual({ tags: { from: 'vip', to: null } });
  });
});
