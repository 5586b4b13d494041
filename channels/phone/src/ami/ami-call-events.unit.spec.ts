import { callEventFromAmi, extensionOf } from './ami-call-events';

const at = new Date('2026-11-25T10:00:00Z');
// Field sets as Asterisk 18 sends them (trimmed to what is read).
const caller = {
  Channel: 'PJSIP/trunk-00000001',
  CallerIDNum: '79161234567',
  Exten: '100',
  Context: 'from-trunk',
  Uniqueid: '1764064800.1',
  Linkedid: '1764064800.1',
};
const dest = { DestChannel: 'PJSIP/101-00000002', DestCallerIDNum: '101', DestUniqueid: '1764064800.2', DestLinkedid: '1764064800.1', DialString: '101' };

describe('callEventFromAmi', () => {
  it('reads the first channel of a call from a phone number as ringing', () => {
    expect(callEventFromAmi({ Event: 'Newchannel', ...caller }, at)).toEqual({ callId: '1764064800.1', event: 'ringing', from: '+79161234567', to: '100', at });
  });

  it("reads DialBegin as ringing at the dialled operator's extension", () => {
    expect(callEventFromAmi({ Event: 'DialBegin', ...caller, ...dest }, at)).toMatchObject({ callId: '1764064800.1', event: 'ringing', agent: '101' });
  });

  it('reads an answered dial as answered, and any other dial end as nothing', () => {
    expect(callEventFromAmi({ Event: 'DialEnd', ...caller, ...dest, DialStatus: 'ANSWER' }, at)).toMatchObject({ event: 'answered', agent: '101' });
    expect(callEventFromAmi({ Event: 'DialEnd', ...caller, ...dest, DialStatus: 'NOANSWER' }, at)).toBeUndefined();
  });

  it("reads the hangup of the first channel as the end of the call, not that of the operator's channel", () => {
    expect(callEventFromAmi({ Event: 'Hangup', ...caller, Cause: '16', 'Cause-txt': 'Normal Clearing' }, at)).toMatchObject({
      event: 'hangup',
      callId: '1764064800.1',
    });
    expect(
      callEventFromAmi({ Event: 'Hangup', Channel: 'PJSIP/101-00000002', CallerIDNum: '79161234567', Uniqueid: '1764064800.2', Linkedid: '1764064800.1' }, at),
    ).toBeUndefined();
  });

  it("does not read internal calls and withheld numbers as customers' calls", () => {
    expect(callEventFromAmi({ Event: 'Newchannel', ...caller, CallerIDNum: '101' }, at)).toBeUndefined();
    expect(callEventFromAmi({ Event: 'Newchannel', ...caller, CallerIDNum: '<unknown>' }, at)).toBeUndefined();
  });

  it('finds the extension in a channel name', () => {
    expect(extensionOf('PJSIP/101-00000002')).toBe('101');
    expect(extensionOf('SIP/operator7-0000a1')).toBe('operator7');
    expect(extensionOf(undefined)).toBeUndefined();
  });

  it('dates an event by its own Timestamp when Asterisk sends one, so late events keep their place', () => {
    expect(callEventFromAmi({ Event: 'DialEnd', ...caller, ...dest, DialStatus: 'ANSWER', Timestamp: '1764064805.250000' }, at)).toMatchObject({
      event: 'answered',
      at: new Date('2025-11-25T10:00:05.250Z'),
    });
    expect(callEventFromAmi({ Event: 'Hangup', ...caller, Timestamp: 'yesterday' }, at)).toMatchObject({ event: 'hangup', at });
  });
});
