import { z } from 'zod';
import { storableJson } from '@switchboard/kernel';
import type { Attachment, ChannelContact } from '@switchboard/service-desk/domain';

/**
 * The part of a Bot API Update (https://core.telegram.org/bots/api#update) Switchboard reads.
 * Unknown fields are ignored, so new Bot API versions do not break the webhook.
 */
const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const chat = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});

const file = z.object({ file_id: z.string().min(1), file_name: z.string().optional() });

const message = z.object({
  message_id: z.number().int(),
  date: z.number().int().nonnegative(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(file).min(1).optional(),
  document: file.optional(),
  animation: file.optional(),
  audio: file.extend({ title: z.string().optional() }).optional(),
  voice: file.optional(),
  video: file.optional(),
  video_note: file.optional(),
  sticker: file.extend({ emoji: z.string().optional() }).optional(),
  contact: z
    .object({ phone_number: z.string().min(1), first_name: z.string(), last_name: z.string().optional(), user_id: z.number().int().optional() })
    .optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});

const callbackQuery = z.object({
  id: z.string().min(1),
  from: user,
  message: z.object({ message_id: z.number().int(), chat }).optional(),
  data: z.string().optional(),
});

const update = z.object({ update_id: z.number().int().nonnegative(), message: message.optional(), callback_query: callbackQuery.optional() });

type TelegramMessage = z.infer<typeof message>;

/** What one update means to Switchboard. */
export type TelegramInbound =
  /** `/start`: greet and ask for the phone number; nothing is stored. */
  | { readonly kind: 'start'; readonly updateId: number; readonly chatId: string }
  /** A shared contact card; `own` when the sender shared their own number (the request_contact button). */
  | {
      readonly kind: 'contact';
      readonly updateId: number;
      readonly chatId: string;
      readonly contact: ChannelContact;
      readonly own: boolean;
      /** As Telegram sent it (international digits, usually without `+`). */
      readonly phoneNumber: string;
      readonly firstName: string;
      readonly lastName?: string;
      readonly receivedAt: Date;
      /** Telegram's `date` (Unix seconds) when it lay in the future and the receive time was kept instead. */
      readonly futureDate?: number;
    }
  /** Text, photos, documents and other content: a conversation message. */
  | {
      readonly kind: 'message';
      readonly updateId: number;
      readonly chatId: string;
      readonly contact: ChannelContact;
      readonly text: string;
      readonly attachments: readonly Attachment[];
      readonly receivedAt: Date;
      /** Telegram's `date` (Unix seconds) when it lay in the future and the receive time was kept instead. */
      readonly futureDate?: number;
    }
  /** An inline button pressed (a survey's answer, "Unsubscribe"): answered with answerCallbackQuery, never stored as a message. */
  | {
      readonly kind: 'callback';
      readonly updateId: number;
      readonly callbackId: string;
      /** The chat of the message the button is under (absent for inline-mode messages). */
      readonly chatId?: string;
      readonly messageId?: number;
      readonly data: string;
      readonly receivedAt: Date;
    }
  /** An update kind Switchboard does not keep (edited messages, chat member changes, ...); the reason is logged. */
  | { readonly kind: 'ignored'; readonly updateId: number; readonly reason: string };

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The body is not a Bot API Update; the errors name each bad field. */
export class TelegramUpdateError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'TelegramUpdateError';
  }
}

/** How far ahead of our clock Telegram's `date` may be (clock skew) before it is not believed. */
export const TELEGRAM_DATE_TOLERANCE_MS = 60_000;

/**
 * Reads a webhook body as a Bot API Update; throws TelegramUpdateError when it is not one.
 * NUL and half surrogate pairs are dropped from every field (Telegram redelivers what we refuse,
 * forever). A `date` more than a minute after `now` (the receive time) is replaced by `now`: a
 * message is not sent after it arrives, and a future date would sort it above everything.
 */
export function parseTelegramUpdate(body: unknown, now: Date): TelegramInbound {
  const clean = storableJson(body);
  const parsed = update.safeParse(clean);
  if (!parsed.success) {
    throw new TelegramUpdateError(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })));
  }
  const { update_id: updateId, message: m, callback_query: callback } = parsed.data;
  if (!m && callback) {
    if (callback.data === undefined) return { kind: 'ignored', updateId, reason: 'a callback query without data (a game) is not kept' };
    return {
      kind: 'callback',
      updateId,
      callbackId: callback.id,
      ...(callback.message ? { chatId: String(callback.message.chat.id), messageId: callback.message.message_id } : {}),
      data: callback.data,
      receivedAt: now,
    };
  }
  if (!m) {
    const kinds = Object.keys(clean as object).filter((key) => key !== 'update_id');
    if (kinds.length === 0)
      throw new TelegramUpdateError([{ field: '(body)', message: 'the update carries no content (no message, edited_message, callback_query, ...)' }]);
    return { kind: 'ignored', updateId, reason: `${kinds.join(', ')} updates are not kept` };
  }
  const chatId = String(m.chat.id);
  const contact: ChannelContact = { channel: 'telegram', address: chatId, ...displayName(m) };
  const sentAt = new Date(m.date * 1000);
  // Written so that a date past what Date can hold (NaN) counts as in the future too.
  const believable = sentAt.getTime() - now.getTime() <= TELEGRAM_DATE_TOLERANCE_MS;
  const receivedAt = believable ? sentAt : now;
  const futureDate = believable ? {} : { futureDate: m.date };

  if (m.text !== undefined && /^\/start(@\w+)?(\s|$)/.test(m.text)) return { kind: 'start', updateId, chatId };
  if (m.contact) {
    return {
      kind: 'contact',
      updateId,
      chatId,
      contact,
      own: m.contact.user_id !== undefined && m.contact.user_id === m.from?.id,
      phoneNumber: m.contact.phone_number,
      firstName: m.contact.first_name,
      lastName: m.contact.last_name,
      receivedAt,
      ...futureDate,
    };
  }
  const content = contentOf(m);
  if (!content) {
    const keys = Object.keys((clean as { message: object }).message).filter((k) => !['message_id', 'date', 'chat', 'from'].includes(k));
    return { kind: 'ignored', updateId, reason: `a message with ${keys.join(', ') || 'no content'} is not kept` };
  }
  return { kind: 'message', updateId, chatId, contact, text: content.text, attachments: content.attachments, receivedAt, ...futureDate };
}

function displayName(m: TelegramMessage): { displayName?: string } {
  const person = m.from ? [m.from.first_name, m.from.last_name].filter(Boolean).join(' ') : undefined;
  const name = person || m.chat.title || [m.chat.first_name, m.chat.last_name].filter(Boolean).join(' ');
  const username = m.from?.username ?? m.chat.username;
  const shown = [name, username ? `@${username}` : ''].filter(Boolean).join(' ');
  return shown ? { displayName: shown } : {};
}

function contentOf(m: TelegramMessage): { text: string; attachments: Attachment[] } | undefined {
  const caption = m.caption ?? '';
  if (m.text !== undefined) return { text: m.text, attachments: [] };
  // Telegram lists a photo's sizes smallest first: keep the largest.
  if (m.photo) return { text: caption, attachments: [{ kind: 'photo', fileId: m.photo[m.photo.length - 1].file_id }] };
  // An animation also arrives as a document; it is not one for the operator.
  if (m.animation) return { text: caption, attachments: [attachment('other', m.animation)] };
  if (m.document) return { text: caption, attachments: [attachment('document', m.document)] };
  if (m.voice) return { text: caption, attachments: [attachment('audio', m.voice)] };
  if (m.audio) return { text: caption, attachments: [attachment('audio', { ...m.audio, file_name: m.audio.file_name ?? m.audio.title })] };
  if (m.video) return { text: caption, attachments: [attachment('other', m.video)] };
  if (m.video_note) return { text: caption, attachments: [attachment('other', m.video_note)] };
  if (m.sticker) return { text: m.sticker.emoji ?? '', attachments: [attachment('other', m.sticker)] };
  if (m.location) return { text: `Location: ${m.location.latitude}, ${m.location.longitude}`, attachments: [] };
  return undefined;
}

function attachment(kind: Attachment['kind'], f: { file_id: string; file_name?: string }): Attachment {
  return f.file_name ? { kind, fileId: f.file_id, name: f.file_name } : { kind, fileId: f.file_id };
}
