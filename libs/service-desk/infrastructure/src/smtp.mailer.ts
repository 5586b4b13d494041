import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { EmailMessage, Mailer } from '@switchboard/service-desk';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from = 'Switchboard <switchboard@localhost>',
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: EmailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: [...message.to], subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}
