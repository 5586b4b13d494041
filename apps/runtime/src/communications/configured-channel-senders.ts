import type { ChannelSender } from '@switchboard/communications';
import { SmtpEmailSender, WebPushSender } from '@switchboard/communications/infrastructure';
import { TelegramCommunicationSender } from '@switchboard/channel-telegram';
import type { SwitchboardConfig } from '@switchboard/platform';

/**
 * The communications' senders that need nothing but configuration: email (SMTP_URL), messenger
 * (TELEGRAM_BOT_TOKEN), push (VAPID_*). SMS goes over the process's SMPP bind: pass
 * `SmppChannel.communicationSender` in `others`. A channel without a sender fails its
 * communications with "no sender for the … channel".
 */
export function configuredChannelSenders(config: SwitchboardConfig, others: readonly (ChannelSender | undefined)[] = []): ChannelSender[] {
  const senders: ChannelSender[] = [];
  if (config.smtpUrl) senders.push(new SmtpEmailSender({ smtpUrl: config.smtpUrl }));
  if (config.telegram.botToken) senders.push(new TelegramCommunicationSender({ botToken: config.telegram.botToken, apiRoot: config.telegram.apiRoot }));
  if (config.webPush) senders.push(new WebPushSender({ vapid: config.webPush.vapid }));
  return [...senders, ...others.filter((s): s is ChannelSender => !!s)];
}
