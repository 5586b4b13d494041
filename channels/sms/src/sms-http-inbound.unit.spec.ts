import { SmsHttpPayloadError, smsHttpInbound } from './sms-http-inbound';

const sms = { messageId: 'gw-77', from: '8 (916) 123-45-67', to: '+74950000000', text: 'Интернет не работает', receivedAt: '2026-11-25T10:00:00+03:00' };

function errorsOf(body: unknown): readonly { field: string; message: string }[] {
  try {
    smsHttpInbound(body);
  } catch (error) {
    if (error instanceof SmsHttpPayloadError) return error.errors;
    throw error;
  }
  throw new Error('expected an SmsHttpPayloadError');
}

describe('smsHttpInbound', () => {
  it('reads an inbound SMS as a contact of the sender, phone in E.164, with the number it was sent to (for routing)', () => {
    expect(smsHttpInbound(sms)).toEqual({
      channel: 'sms',
      messageId: 'http:gw-77',
      contact: { channel: 'sms', address: '+79161234567' },
      text: 'Интернет не работает',
      receivedAt: new Date('2026-11-25T07:00:00Z'),
      client: { phone: '+79161234567' },
      recipient: '+74950000000',
    });
  });

  it('names every missing or malformed field', () => {
    expect(errorsOf({ ...sms, messageId: '', receivedAt: 'yesterday', to: undefined }).map((e) => e.field)).toEqual(['messageId', 'to', 'receivedAt']);
  });

  it('refuses a sender that is not a phone number', () => {
    expect(errorsOf({ ...sms, from: 'MegaFon' })).toEqual([{ field: 'from', message: expect.stringContaining('phone number') }]);
  });

  it('drops NUL and half surrogate pairs from every field instead of refusing the message', () => {
    expect(smsHttpInbound({ ...sms, messageId: 'gw-\u000078', text: 'Интернет\u0000 не работает\ud800' })).toMatchObject({
      messageId: 'http:gw-78',
      text: 'Интернет не работает',
    });
  });
});
