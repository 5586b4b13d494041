import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { PermanentSendError } from '@switchboard/communications';
import { SmtpEmailSender } from './smtp-email.sender';

interface Received {
  readonly to: string[];
  readonly raw: string;
}

const refusal = (message: string, responseCode: number): Error => Object.assign(new Error(message), { responseCode });

describe('email communications over SMTP (a local smtp-server)', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let sender: SmtpEmailSender;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@')) return callback(refusal('5.1.1 No such mailbox', 550));
        if (address.address.startsWith('busy@')) return callback(refusal('4.2.1 Mailbox busy, try later', 450));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    sender = new SmtpEmailSender({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Switchboard <notify@switchboard.test>' });
  });

  afterAll(async () => {
    sender.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const communication = (address: string, text: string) => ({ communicationId: randomUUID(), channel: 'email' as const, address, message: { text } });

  it('delivers the message with its subject, body and a Message-ID derived from the communication id', async () => {
    const outgoing = communication('client@example.com', 'Your request is closed\n\nThank you for contacting us.');
    const sent = await sender.send(outgoing);
    const mail = received.at(-1);
    expect(mail?.to).toEqual(['client@example.com']);
    expect(mail?.raw).toMatch(/^Subject: Your request is closed\r?$/m);
    expect(mail?.raw).toContain('Thank you for contacting us.');
    expect(mail?.raw).toMatch(new RegExp(`^Message-ID: <${outgoing.communicationId}@switchboard\\.test>\\r?$`, 'mi'));
    expect(sent.providerMessageId).toBe(`<${outgoing.communicationId}@switchboard.test>`);
  });

  it('carries Cyrillic text intact', async () => {
    await sender.send(communication('client@example.com', 'Заявка закрыта\nСпасибо, Пётр!'));
    const mail = received.at(-1);
    expect(mail?.raw).toContain('Subject: =?UTF-8?');
    // nodemailer picks quoted-printable or base64 for the body; decode whichever it chose.
    const [, body] = (mail?.raw ?? '').split(/\r?\n\r?\n/, 2);
    const decoded = /Content-Transfer-Encoding: base64/i.test(mail?.raw ?? '')
      ? Buffer.from(body, 'base64').toString('utf8')
      : Buffer.from(
          body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
    expect(decoded).toContain('Спасибо, Пётр!');
  });

  it('fails permanently when the server refuses the recipient with 5xx', async () => {
    const error = await sender.send(communication('nobody@example.com', 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).reason).toMatch(/^SMTP 550: .*No such mailbox/);
  });

  it('leaves a 4xx refusal to be retried', async () => {
    const error = await sender.send(communication('busy@example.com', 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    expect((error as { responseCode?: number }).responseCode).toBe(450);
  });

  it('refuses an address that is not an email address', async () => {
    await expect(sender.send(communication('+79161234567', 'Hello'))).rejects.toBeInstanceOf(PermanentSendError);
  });
});
