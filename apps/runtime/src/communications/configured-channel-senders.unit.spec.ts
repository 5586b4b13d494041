import { loadConfig } from '@switchboard/platform';
import { configuredChannelSenders } from './configured-channel-senders';

const defaults = { httpPort: 1, allowsEmbeddedDatabase: true };

describe('configured communication senders', () => {
  it('has a sender for each configured channel and none for the others', () => {
    expect(configuredChannelSenders(loadConfig({}, defaults)).map((s) => s.channel)).toEqual([]);
    const config = loadConfig(
      {
        SMTP_URL: 'smtp://127.0.0.1:2525',
        TELEGRAM_BOT_TOKEN: '123456:abcdefghijklmnopqrstuvwxyz',
        VAPID_PUBLIC_KEY: `B${'A'.repeat(86)}`,
        VAPID_PRIVATE_KEY: 'k'.repeat(43),
        VAPID_SUBJECT: 'mailto:ops@example.com',
      },
      defaults,
    );
    expect(configuredChannelSenders(config).map((s) => s.channel)).toEqual(['email', 'messenger', 'push']);
  });
});
