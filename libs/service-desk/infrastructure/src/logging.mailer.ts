import { Logger } from '@nestjs/common';
import type { EmailMessage, Mailer } from '@switchboard/service-desk';

/** Without SMTP_URL (the embedded default) emails are written to the log instead of sent. */
export class LoggingMailer implements Mailer {
  private readonly logger = new Logger('mail');

  async send(message: EmailMessage): Promise<void> {
    this.logger.log(`email to ${message.to.join(', ')}: ${message.subject}`);
  }
}
