import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { PermanentSendError } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication } from '@switchboard/communications';

export interface SmtpEmailSenderOptions {
  /** SMTP_URL: smtp:// or smtps://, as the service desk's mailer. */
  readonly smtpUrl: string;
  readonly from?: string;
  /** The right-hand side of Message-IDs; default: the domain of `from`. */
  readonly messageIdDomain?: string;
}

interface SmtpError {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SUBJECT_MAX = 120;

/**
 * Communications by email over SMTP (nodemailer). The Message-ID derives from the communication
 * id, so a resend after a lost answer is the same message to the recipient's server. The subject
 * is the text's first line. A 5xx refusal of the envelope or the message (no such mailbox, rejected
 * content) is permanent; 4xx (greylisting, mailbox busy), connection and authentication errors are
 * retried.
 */
export class SmtpEmailSender implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly domain: string;

  constructor(options: SmtpEmailSenderOptions) {
    this.transport = createTransport(options.smtpUrl);
    this.from = options.from ?? 'Switchboard <switchboard@localhost>';
    this.domain = options.messageIdDomain ?? /@([^>\s]+)>?\s*$/.exec(this.from)?.[1] ?? 'switchboard.local';
  }

  async send(communication: OutgoingCommunication): Promise<{ providerMessageId?: string }> {
    const to = communication.address.trim();
    if (!EMAIL.test(to)) throw new PermanentSendError(`the address ${JSON.stringify(communication.address)} is not an email address`);
    const messageId = `<${communication.communicationId}@${this.domain}>`;
    try {
      await this.transport.sendMail({ from: this.from, to, subject: subjectOf(communication.message.text), text: communication.message.text, messageId });
    } catch (error) {
      const smtp = error as SmtpError;
      if ((smtp.code === 'EENVELOPE' || smtp.code === 'EMESSAGE') && smtp.responseCode !== undefined && smtp.responseCode >= 500 && smtp.responseCode < 600)
        throw new PermanentSendError(`SMTP ${smtp.responseCode}: ${smtp.response ?? 'refused'}`);
      throw error;
    }
    return { providerMessageId: messageId };
  }

  close(): void {
    this.transport.close();
  }
}

/** The first non-empty line, shortened to a subject's length. */
export function subjectOf(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  return line.length <= SUBJECT_MAX ? line : `${line.slice(0, SUBJECT_MAX - 1)}…`;
}
