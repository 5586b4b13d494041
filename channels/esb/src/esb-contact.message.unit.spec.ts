import { parseEsbContact } from './esb-contact.message';
import { signEsbBody } from './esb-signature';

const body = {
  source: 'billing',
  client: { phone: '8 (916) 123-45-67', firstName: 'Ivan', lastName: 'Petrov', email: 'ivan@example.com' },
  orderCode: 'ORD-7',
  subject: 'Invoice',
  body: 'The invoice for November is wrong',
  occurredAt: '2026-11-25T09:30:00+03:00',
};
const delivery = (content: unknown, messageId: unknown = 'm-1', headers: Record<string, unknown> = {}) => ({
  content: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
  messageId,
  headers,
});

describe('an ESB contact message', () => {
  it('becomes an inbound contact on the esb channel, addressed by source and E.164 phone', () => {
    expect(parseEsbContact(delivery(body))).toEqual({
      ok: true,
      contact: {
        channel: 'esb',
        messageId: 'm-1',
        contact: { channel: 'esb', address: 'billing:+79161234567', displayName: 'Ivan Petrov' },
        text: 'The invoice for November is wrong',
        subject: 'Invoice',
        receivedAt: new Date('2026-11-25T06:30:00Z'),
        client: { phone: '+79161234567', firstName: 'Ivan', lastName: 'Petrov', email: 'ivan@example.com', orderCode: 'ORD-7' },
      },
    });
  });

  it('is refused without the AMQP message-id property', () => {
    expect(parseEsbContact(delivery(body, null))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^message-id: the AMQP message-id property is required/),
    });
  });

  it('is refused when the body is not JSON, saying so', () => {
    expect(parseEsbContact(delivery('{"source":'))).toEqual({ ok: false, reason: expect.stringMatching(/^body: not JSON \(/) });
  });

  it('is refused naming every bad field', () => {
    const result = parseEsbContact(delivery({ ...body, client: { phone: '' }, body: '', occurredAt: 'yesterday' }));
    expect(result).toEqual({
      ok: false,
      reason: 'client.phone: must not be empty; body: must not be empty; occurredAt: must be an ISO-8601 date-time with a time zone',
    });
  });

  it('is refused when the phone is not a phone number', () => {
    expect(parseEsbContact(delivery({ ...body, client: { phone: 'call me' } }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^client\.phone: must be a phone number/),
    });
  });

  describe('with a signing secret', () => {
    const secret = 'a-long-esb-signing-secret';

    it('accepts a body signed with the secret', () => {
      const content = JSON.stringify(body);
      expect(parseEsbContact(delivery(content, 'm-2', { 'x-switchboard-signature': signEsbBody(Buffer.from(content), secret) }), secret).ok).toBe(true);
    });

    it('refuses an unsigned body and one whose signature does not match', () => {
      expect(parseEsbContact(delivery(body), secret)).toEqual({ ok: false, reason: expect.stringMatching(/^x-switchboard-signature: the header is required/) });
      const forged = signEsbBody(Buffer.from('{}'), secret);
      expect(parseEsbContact(delivery(body, 'm-3', { 'x-switchboard-signature': forged }), secret)).toEqual({
        ok: false,
        reason: 'x-switchboard-signature: does not match the body',
      });
    });
  });

  it('drops NUL and half surrogate pairs from the message id and every body field instead of dead-lettering the contact', () => {
    const broken = { ...body, client: { ...body.client, firstName: 'Iv\u0000an' }, subject: 'Router\udc00', body: 'No\u0000 internet' };
    const result = parseEsbContact(delivery(JSON.stringify(broken), 'm-\u00004'));
    expect(result).toMatchObject({ ok: true, contact: { messageId: 'm-4', subject: 'Router', text: 'No internet', client: { firstName: 'Ivan' } } });
  });
});
