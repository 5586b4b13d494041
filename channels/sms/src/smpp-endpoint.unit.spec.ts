import { parseSmppUrl } from './smpp-endpoint';

describe('SMPP_URL', () => {
  it('names the SMSC, the system_id and the password', () => {
    expect(parseSmppUrl('smpp://switch%40board:p%3Ass@smsc.example.com:2776')).toEqual({
      host: 'smsc.example.com',
      port: 2776,
      tls: false,
      systemId: 'switch@board',
      password: 'p:ss',
      display: 'smpp://switch@board@smsc.example.com:2776',
    });
  });

  it('defaults the port and switches TLS on for ssmpp', () => {
    expect(parseSmppUrl('smpp://id:pw@smsc')).toMatchObject({ port: 2775, tls: false });
    expect(parseSmppUrl('ssmpp://id:pw@smsc')).toMatchObject({ port: 3550, tls: true });
  });

  it('refuses a URL without a system_id', () => {
    expect(() => parseSmppUrl('smpp://smsc:2775')).toThrow(/system_id/);
  });
});
