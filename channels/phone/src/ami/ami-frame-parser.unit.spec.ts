import { AmiFrameParser, amiAction } from './ami-frame-parser';

describe('AmiFrameParser', () => {
  it('reads the banner, then messages split at empty lines, across chunk boundaries', () => {
    const parser = new AmiFrameParser();
    expect(parser.push('Asterisk Call Manager/5.0.1\r\nResponse: Success\r\nActionID: login\r\nMess')).toEqual([]);
    expect(parser.banner).toBe('Asterisk Call Manager/5.0.1');
    expect(parser.push('age: Authentication accepted\r\n\r\nEvent: Hangup\r\nUniqueid: 1.1\r\n\r\nEvent: Newchannel\r\n')).toEqual([
      { Response: 'Success', ActionID: 'login', Message: 'Authentication accepted' },
      { Event: 'Hangup', Uniqueid: '1.1' },
    ]);
    expect(parser.push('Uniqueid: 1.2\r\n\r\n')).toEqual([{ Event: 'Newchannel', Uniqueid: '1.2' }]);
  });

  it('keeps colons inside values', () => {
    const parser = new AmiFrameParser();
    expect(parser.push('Asterisk Call Manager/2.10.4\nEvent: DialBegin\nDialString: PJSIP/101@pbx:5060\n\n')).toEqual([
      { Event: 'DialBegin', DialString: 'PJSIP/101@pbx:5060' },
    ]);
  });
});

describe('amiAction', () => {
  it('writes fields as CRLF lines ended by an empty line, never letting a value start a new field', () => {
    expect(amiAction({ Action: 'Login', Username: 'switchboard', Secret: 'se\r\ncret' })).toBe(
      'Action: Login\r\nUsername: switchboard\r\nSecret: se cret\r\n\r\n',
    );
  });
});
