import { secretsEqual, signBody, signatureProblem } from './webhook-guards';

const secret = 'a-webhook-secret-of-some-length';
const body = Buffer.from('{"messageId":"m-1","text":"hello"}');

describe('webhook signatures', () => {
  it('accepts the HMAC-SHA256 of the raw body under the secret', () => {
    expect(signatureProblem(body, signBody(body, secret), secret)).toBeUndefined();
  });

  it('accepts the hex digest in capitals too', () => {
    expect(signatureProblem(body, signBody(body, secret).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBeUndefined();
  });

  it('says the signature is missing when there is none', () => {
    expect(signatureProblem(body, undefined, secret)).toMatch(/^X-Signature is missing/);
  });

  it('says how a malformed signature should look', () => {
    expect(signatureProblem(body, 'md5=abc', secret)).toBe('X-Signature must be sha256=<64 hex digits>.');
  });

  it('refuses a signature made with another secret', () => {
    expect(signatureProblem(body, signBody(body, 'another-secret-entirely'), secret)).toMatch(/does not match the body/);
  });

  it('refuses a signature of a different body', () => {
    expect(signatureProblem(Buffer.from('{"messageId":"m-2"}'), signBody(body, secret), secret)).toMatch(/does not match the body/);
  });
});

describe('secretsEqual', () => {
  it('compares secrets of different lengths without throwing', () => {
    expect(secretsEqual('short', 'a-much-longer-secret')).toBe(false);
    expect(secretsEqual('same-secret', 'same-secret')).toBe(true);
  });
});
