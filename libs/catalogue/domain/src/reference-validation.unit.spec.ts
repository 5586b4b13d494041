import { validateService } from './service.validation';
import { validateWorkGroup } from './work-group.validation';

describe('validateWorkGroup', () => {
  const good = { code: 301, name: 'Network L3', email: 'network-l3@switchboard.example', managerId: '5b0a0000-0000-4000-8000-000000000201' };

  it('accepts a complete work group', () => {
    expect(validateWorkGroup(good)).toEqual({ valid: true, value: good });
  });

  it('reads a code written as text and trims surrounding spaces, as CSV cells come', () => {
    expect(validateWorkGroup({ code: ' 301 ', name: ' Network L3 ', email: 'network-l3@switchboard.example ', managerId: ' m-1' })).toEqual({
      valid: true,
      value: { code: 301, name: 'Network L3', email: 'network-l3@switchboard.example', managerId: 'm-1' },
    });
  });

  it('names every bad field at once', () => {
    expect(validateWorkGroup({ code: 'abc', name: '  ', email: 'not-an-address' })).toEqual({
      valid: false,
      errors: [
        'code must be a positive integer up to 2147483647, got "abc"',
        'name is required',
        'email must be an email address, got "not-an-address"',
        'managerId is required',
      ],
    });
  });

  it.each([
    [0, 'code must be a positive integer up to 2147483647, got 0'],
    [-5, 'code must be a positive integer up to 2147483647, got -5'],
    [3.5, 'code must be a positive integer up to 2147483647, got 3.5'],
    ['3.5', 'code must be a positive integer up to 2147483647, got "3.5"'],
    [2_147_483_648, 'code must be a positive integer up to 2147483647, got 2147483648'],
    [true, 'code must be a positive integer up to 2147483647, got true'],
    [null, 'code is required'],
  ])('refuses the code %p', (code, message) => {
    expect(validateWorkGroup({ ...good, code })).toEqual({ valid: false, errors: [message] });
  });

  it.each(['a@b', 'a b@c.d', '@c.d', 'a@.d', 'a@c.'])('refuses the email %p', (email) => {
    expect(validateWorkGroup({ ...good, email })).toEqual({ valid: false, errors: [`email must be an email address, got ${JSON.stringify(email)}`] });
  });

  it('refuses a name that is not text', () => {
    expect(validateWorkGroup({ ...good, name: 42 })).toEqual({ valid: false, errors: ['name must be text, got 42'] });
  });
});

describe('validateService', () => {
  it('accepts a complete service', () => {
    expect(validateService({ code: 1001, name: 'Home internet', workGroupCode: '301' })).toEqual({
      valid: true,
      value: { code: 1001, name: 'Home internet', workGroupCode: 301 },
    });
  });

  it('requires the work group code', () => {
    expect(validateService({ code: 1001, name: 'Home internet' })).toEqual({ valid: false, errors: ['workGroupCode is required'] });
  });

  it('refuses a service without a name and with a malformed work group code', () => {
    expect(validateService({ code: '1001', workGroupCode: 'network' })).toEqual({
      valid: false,
      errors: ['name is required', 'workGroupCode must be a positive integer up to 2147483647, got "network"'],
    });
  });
});
