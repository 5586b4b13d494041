import { TelegramUpdateError, parseTelegramUpdate } from './telegram-update';

// Shaped like the sample updates of https://core.telegram.org/bots/webhooks#testing-your-bot-with-updates
const chat = { last_name: 'Test Lastname', id: 1111111, type: 'private', first_name: 'Test Firstname', username: 'Testusername' };
const from = { last_name: 'Test Lastname', id: 1111111, is_bot: false, first_name: 'Test Firstname', username: 'Testusername', language_code: 'ru' };
const now = new Date('2026-11-25T10:00:00Z');
const update = (message: object, updateId = 10000) => ({ update_id: updateId, message: { date: 1441645532, chat, message_id: 1365, from, ...message } });

function errorOf(body: unknown): TelegramUpdateError {
  try {
    parseTelegramUpdate(body, now);
  } catch (error) {
    if (error instanceof TelegramUpdateError) return error;
    throw error;
  }
  throw new Error('expected a TelegramUpdateError');
}

describe('parseTelegramUpdate', () => {
  it('reads /start as the greeting, not as a message', () => {
    expect(parseTelegramUpdate(update({ text: '/start' }), now)).toEqual({ kind: 'start', updateId: 10000, chatId: '1111111' });
    expect(parseTelegramUpdate(update({ text: '/start@switchboard_bot ref-42' }), now).kind).toBe('start');
    expect(parseTelegramUpdate(update({ text: '/started the router' }), now).kind).toBe('message');
  });

  it('reads a text message with the chat as the contact and the send time', () => {
    expect(parseTelegramUpdate(update({ text: 'My internet is down' }), now)).toEqual({
      kind: 'message',
      updateId: 10000,
      chatId: '1111111',
      contact: { channel: 'telegram', address: '1111111', displayName: 'Test Firstname Test Lastname @Testusername' },
      text: 'My internet is down',
      attachments: [],
      receivedAt: new Date(1441645532 * 1000),
    });
  });

  it('keeps the file id of the largest size of a photo, with its caption as the text', () => {
    const photo = [
      { file_id: 'AgACAgIAAxkBAAIBSmVsmall', file_unique_id: 'AQADs', file_size: 1234, width: 90, height: 67 },
      { file_id: 'AgACAgIAAxkBAAIBSmVlarge', file_unique_id: 'AQADl', file_size: 81234, width: 1280, height: 960 },
    ];
    const inbound = parseTelegramUpdate(update({ photo, caption: 'The router lights' }), now);
    expect(inbound).toMatchObject({ kind: 'message', text: 'The router lights', attachments: [{ kind: 'photo', fileId: 'AgACAgIAAxkBAAIBSmVlarge' }] });
  });

  it('keeps a document with its file name', () => {
    const document = { file_id: 'BQACAgIAAxkBAAIBS2Vdoc', file_unique_id: 'AgADd', file_name: 'contract.pdf', mime_type: 'application/pdf', file_size: 12345 };
    expect(parseTelegramUpdate(update({ document }), now)).toMatchObject({
      kind: 'message',
      text: '',
      attachments: [{ kind: 'document', fileId: 'BQACAgIAAxkBAAIBS2Vdoc', name: 'contract.pdf' }],
    });
  });

  it('keeps a voice message as audio', () => {
    const voice = { file_id: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX', duration: 5, mime_type: 'audio/ogg', file_size: 23000 };
    expect(parseTelegramUpdate(update({ voice }), now)).toMatchObject({
      kind: 'message',
      attachments: [{ kind: 'audio', fileId: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX' }],
    });
  });

  it('reads the sender sharing their own contact as an own contact', () => {
    const contact = { phone_number: '79161234567', first_name: 'Test Firstname', last_name: 'Test Lastname', user_id: 1111111 };
    expect(parseTelegramUpdate(update({ contact }), now)).toMatchObject({
      kind: 'contact',
      own: true,
      phoneNumber: '79161234567',
      firstName: 'Test Firstname',
      lastName: 'Test Lastname',
    });
  });

  it('reads a forwarded contact card of someone else as not own', () => {
    const contact = { phone_number: '+79997654321', first_name: 'Somebody', user_id: 2222222 };
    expect(parseTelegramUpdate(update({ contact }), now)).toMatchObject({ kind: 'contact', own: false });
  });

  it('does not keep an edited message, and says why', () => {
    const edited = { update_id: 10001, edited_message: { date: 1441645532, chat, message_id: 1365, from, edit_date: 1441646600, text: 'Edited text' } };
    expect(parseTelegramUpdate(edited, now)).toEqual({ kind: 'ignored', updateId: 10001, reason: 'edited_message updates are not kept' });
  });

  it('does not keep a message without content it can show, and says which', () => {
    expect(parseTelegramUpdate(update({ new_chat_title: 'Support' }), now)).toEqual({
      kind: 'ignored',
      updateId: 10000,
      reason: 'a message with new_chat_title is not kept',
    });
  });

  it('names every bad field of a body that is not an update', () => {
    expect(errorOf({ update_id: 'x' }).errors).toEqual([{ field: 'update_id', message: expect.stringContaining('expected number') }]);
    expect(errorOf({ update_id: 1, message: { message_id: 1, date: 1 } }).errors).toEqual([{ field: 'message.chat', message: expect.any(String) }]);
    expect(errorOf([]).errors[0].field).toBe('(body)');
  });

  it('refuses an update that carries nothing', () => {
    expect(errorOf({ update_id: 5 }).message).toBe('(body): the update carries no content (no message, edited_message, callback_query, ...)');
  });

  it('drops NUL and half surrogate pairs from the text, the caption and the names, and keeps the rest', () => {
    const person = { ...from, first_name: 'Iv\u0000an', last_name: '\uD800Petrov' };
    expect(parseTelegramUpdate(update({ from: person, text: 'router\u0000 down \uDC00📡' }), now)).toMatchObject({
      kind: 'message',
      contact: { displayName: 'Ivan Petrov @Testusername' },
      text: 'router down 📡',
    });
    const photo = [{ file_id: 'AgACAgIAAxkBAAIBSmVlarge', width: 1280, height: 960 }];
    expect(parseTelegramUpdate(update({ photo, caption: 'the \u0000lights\uD83D' }), now)).toMatchObject({ text: 'the lights' });
    expect(parseTelegramUpdate(update({ contact: { phone_number: '79161234567', first_name: 'Iv\u0000an', user_id: from.id } }), now)).toMatchObject({
      kind: 'contact',
      firstName: 'Ivan',
    });
  });

  it('keeps the receive time instead of a date more than a minute in the future, and says what Telegram sent', () => {
    const inAYear = Math.floor(now.getTime() / 1000) + 365 * 24 * 3600;
    expect(parseTelegramUpdate(update({ date: inAYear, text: 'from the future' }), now)).toMatchObject({
      kind: 'message',
      receivedAt: now,
      futureDate: inAYear,
    });
    expect(parseTelegramUpdate(update({ date: 8.64e15, text: 'past what a Date holds' }), now)).toMatchObject({ receivedAt: now, futureDate: 8.64e15 });
    expect(parseTelegramUpdate(update({ date: inAYear, contact: { phone_number: '79161234567', first_name: 'Ivan' } }), now)).toMatchObject({
      kind: 'contact',
      receivedAt: now,
      futureDate: inAYear,
    });
  });

  it('believes a date up to a minute ahead of the receive time (clock skew)', () => {
    const skewed = Math.floor(now.getTime() / 1000) + 59;
    const inbound = parseTelegramUpdate(update({ date: skewed, text: 'a little early' }), now);
    expect(inbound).toMatchObject({ receivedAt: new Date(skewed * 1000) });
    expect(inbound).not.toHaveProperty('futureDate');
  });
});

describe('a pressed inline button', () => {
  const now = new Date('2026-12-08T10:00:00Z');
  it('is a callback with its data, chat and message', () => {
    const body = {
      update_id: 700,
      callback_query: { id: 'cb-1', from: { id: 42, first_name: 'Anna' }, message: { message_id: 9, chat: { id: 42, type: 'private' } }, data: 'unsub' },
    };
    expect(parseTelegramUpdate(body, now)).toEqual({
      kind: 'callback',
      updateId: 700,
      callbackId: 'cb-1',
      chatId: '42',
      messageId: 9,
      data: 'unsub',
      receivedAt: now,
    });
  });

  it('without data (a game) is not kept', () => {
    const body = { update_id: 701, callback_query: { id: 'cb-2', from: { id: 42, first_name: 'Anna' } } };
    expect(parseTelegramUpdate(body, now)).toMatchObject({ kind: 'ignored', updateId: 701 });
  });
});
