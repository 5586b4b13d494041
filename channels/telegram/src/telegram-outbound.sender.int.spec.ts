import { PermanentSendError } from '@switchboard/service-desk';
import type { OutboundMessage } from '@switchboard/service-desk';
import { LocalBotApi, chatNotFound, serverError } from './testing/local-bot-api';
import { TELEGRAM_MESSAGE_LIMIT, TelegramOutboundSender, splitText } from './telegram-outbound.sender';

const token = '123456789:AAE-test-token-for-the-local-bot-api';
const message = (text: string, chatId = '1111111'): OutboundMessage => ({
  outboundId: 'reply-1',
  requestId: 'request-1',
  contact: { channel: 'telegram', address: chatId },
  text,
});

describe('TelegramOutboundSender against a local Bot API', () => {
  const botApi = new LocalBotApi();
  let sender: TelegramOutboundSender;

  beforeAll(async () => {
    await botApi.start();
    sender = new TelegramOutboundSender({ botToken: token, apiRoot: botApi.url, timeoutMs: 2_000 });
  });

  afterAll(() => botApi.stop());

  it("sends with sendMessage under the bot token and answers Telegram's message id", async () => {
    const receipt = await sender.send(message('Your router has been replaced.'));
    const call = botApi.calls[botApi.calls.length - 1];
    expect(call).toEqual({ token, method: 'sendMessage', body: { chat_id: 1111111, text: 'Your router has been replaced.' } });
    expect(receipt.channelMessageId).toMatch(/^\d+$/);
  });

  it('fails for good when Telegram does not know the chat', async () => {
    botApi.answerForChat(404404, chatNotFound);
    await expect(sender.send(message('hello', '404404'))).rejects.toEqual(new PermanentSendError('Telegram 400: Bad Request: chat not found'));
  });

  it('fails for good on a contact that is not a chat id', async () => {
    await expect(sender.send(message('hello', '+79161234567x'))).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('reports a server error as worth retrying', async () => {
    botApi.answerNext(1, serverError);
    const error = await sender.send(message('hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toBe('Telegram 502: Bad Gateway');
  });

  it('sends a text longer than one message in consecutive parts', async () => {
    const before = botApi.sentTo(777).length;
    const text = `${'word '.repeat(1000)}\n${'more '.repeat(200)}`.trim();
    await sender.send(message(text, '777'));
    const parts = botApi
      .sentTo(777)
      .slice(before)
      .map((c) => c.body.text as string);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= TELEGRAM_MESSAGE_LIMIT)).toBe(true);
  });
});

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('hello', 10)).toEqual(['hello']);
  });

  it('splits at a space before the limit', () => {
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
  });

  it('cuts a word with no space to split at', () => {
    expect(splitText('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
  });
});
