import { randomUUID } from 'node:crypto';
import { PermanentSendError } from '@switchboard/communications';
import { LocalBotApi, serverError } from './testing';
import { TelegramCommunicationSender } from './telegram-communication.sender';

const token = '123456:communications-test-token-abcdef';
const blocked = { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };

describe('messenger communications on the Telegram Bot API (local double)', () => {
  const api = new LocalBotApi();
  let sender: TelegramCommunicationSender;

  beforeAll(async () => {
    await api.start();
    sender = new TelegramCommunicationSender({ botToken: token, apiRoot: api.url, timeoutMs: 5_000 });
  });
  afterAll(() => api.stop());

  const communication = (chatId: number, text: string) => ({
    communicationId: randomUUID(),
    channel: 'messenger' as const,
    address: String(chatId),
    message: { text },
  });

  it('sends the text to the chat and answers with the message id', async () => {
    const sent = await sender.send(communication(4242, 'Ваша заявка закрыта. Спасибо, Иван!'));
    const [call] = api.sentTo(4242);
    expect(call.token).toBe(token);
    expect(call.body.text).toBe('Ваша заявка закрыта. Спасибо, Иван!');
    expect(sent.providerMessageId).toMatch(/^\d+$/);
  });

  it('fails permanently when the bot was blocked by the user (403)', async () => {
    api.answerForChat(777, blocked);
    const error = await sender.send(communication(777, 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).reason).toBe('Telegram 403: Forbidden: bot was blocked by the user');
  });

  it('leaves a 5xx to be retried', async () => {
    api.answerNext(1, serverError);
    const error = await sender.send(communication(4343, 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
  });

  it('puts a survey’s buttons under the message, and "Unsubscribe" under a marketing one', async () => {
    const buttons = [[{ text: '5', data: 'sv:6f1c2b9e3a4d4e5f8a7b1c2d3e4f5a6b:0:r5' }]];
    await sender.send({ ...communication(5151, 'How did we do?'), buttons });
    expect(api.sentTo(5151)[0].body.reply_markup).toEqual({ inline_keyboard: [[{ text: '5', callback_data: 'sv:6f1c2b9e3a4d4e5f8a7b1c2d3e4f5a6b:0:r5' }]] });
    await sender.send({ ...communication(5252, 'Winter offers'), marketing: true, language: 'en' });
    expect(api.sentTo(5252)[0].body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Unsubscribe', callback_data: 'unsub' }]] });
    await sender.send({ ...communication(5353, 'Зимние предложения'), marketing: true });
    expect(api.sentTo(5353)[0].body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Отписаться', callback_data: 'unsub' }]] });
    await sender.send(communication(5454, 'Your request is closed'));
    expect(api.sentTo(5454)[0].body.reply_markup).toBeUndefined();
  });

  it('refuses an address that is not a chat id', async () => {
    await expect(sender.send(communication(Number.NaN, 'Hello'))).rejects.toBeInstanceOf(PermanentSendError);
  });
});
