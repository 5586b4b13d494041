import { allowedIncidentActions, allowedRequestActions } from './allowed-actions';

describe('actions offered on a card (until the API sends allowedActions)', () => {
  it.each([
    ['NEW', null, ['assign', 'link-client', 'reply', 'close']],
    ['NEW', 'c-1', ['assign', 'link-client', 'link-order', 'reply', 'close']],
    ['IN_PROGRESS', 'c-1', ['assign', 'link-client', 'link-order', 'reply', 'escalate', 'close']],
    ['ESCALATED', null, ['assign', 'link-client', 'reply']],
    ['CLOSED', 'c-1', []],
  ] as const)('offers on a %s request (client %s): %j', (state, clientId, expected) => {
    expect(allowedRequestActions({ state, clientId, access: 'full' })).toEqual(expected);
  });

  it('offers nothing on a request the operator may only read', () => {
    expect(allowedRequestActions({ state: 'IN_PROGRESS', clientId: 'c-1', access: 'read' })).toEqual([]);
  });

  it.each([
    ['NEW', ['assign', 'start', 'unlink']],
    ['ASSIGNED', ['assign', 'start', 'narrative', 'unlink']],
    ['IN_WORK', ['assign', 'hold', 'narrative', 'resolve', 'unlink']],
    ['ON_HOLD', ['assign', 'resume', 'narrative', 'unlink']],
    ['RESOLVED', ['close', 'unlink']],
    ['CLOSED', []],
    ['CANCELLED', []],
  ] as const)('offers on a %s incident: %j', (state, expected) => {
    expect(allowedIncidentActions({ state, access: 'full' })).toEqual(expected);
    expect(allowedIncidentActions({ state, access: 'read' })).toEqual([]);
  });
});
