import { CallEventPayloadError, callEventFromWebhook } from './call-event';

const ringing = { callId: 'pbx-1', event: 'ringing', from: '+79161234567', to: '+74950000000', agent: 'hd.user.north', at: '2026-11-25T10:00:00Z' };

describe('callEventFromWebhook', () => {
  it('reads a PBX webhook body as a step of a call', () => {
    expect(callEventFromWebhook(ringing)).toEqual({ ...ringing, at: new Date('2026-11-25T10:00:00Z') });
  });

  it('drops NUL and half surrogate pairs from every field instead of refusing the event', () => {
    expect(callEventFromWebhook({ ...ringing, callId: 'pbx-\u00001', to: '+7495\ud8000000000', agent: 'hd.user.north\udc00' })).toMatchObject({
      callId: 'pbx-1',
      to: '+74950000000',
      agent: 'hd.user.north',
    });
  });

  it('names every bad field', () => {
    expect(() => callEventFromWebhook({ ...ringing, event: 'transferred', at: 'later' })).toThrow(CallEventPayloadError);
  });
});
