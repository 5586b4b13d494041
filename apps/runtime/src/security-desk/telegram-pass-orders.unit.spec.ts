import type { ClientUnit } from '@switchboard/estate';
import type { Client } from '@switchboard/customers/domain';
import type { PassDraft } from '@switchboard/security-desk/domain';
import { PassRuleError } from '@switchboard/security-desk/domain';
import type { CommandEnvelope } from '@switchboard/eventstore';
import { TelegramPassOrdering, telegramPassCommandId } from './telegram-pass-orders';

const receivedAt = new Date('2026-12-07T08:00:00.000Z');
const ivan = { id: 'client-ivan', firstName: 'Ivan', phone: '+79161234567' } as Client;
const flat = { unit: { id: 'unit-7', buildingId: 'b-1', siteSlug: 'old-town', siteName: 'Old Town', buildingName: 'Building 1', number: '7' } } as ClientUnit;

/** What the desk was asked to create, by command id (the pass id derives from it). */
function deskRecorder() {
  const created: { draft: PassDraft; commandId: string }[] = [];
  return {
    created,
    passes: {
      create: async (draft: PassDraft, _by: string, envelope: CommandEnvelope) => (created.push({ draft, commandId: envelope.commandId }), undefined as never),
    },
  };
}

describe('/pass in the Telegram bot', () => {
  it('names the chat in the command id, so two chats’ updates with one update id are two passes and a redelivery is the same', async () => {
    expect(telegramPassCommandId('7003', 880_001)).toBe('telegram-pass:7003:880001');
    expect(telegramPassCommandId('7003', 880_001)).not.toBe(telegramPassCommandId('7004', 880_001));

    const desk = deskRecorder();
    const ordering = new TelegramPassOrdering({ findClientByPhone: async () => ivan }, { currentUnitsOf: async () => [flat] }, desk.passes);
    const order = (chatId: string) =>
      ordering.order({ chatId, phone: ivan.phone, command: { kind: 'order', visitorName: 'Pyotr Ivanov' }, updateId: 880_001, receivedAt });
    expect(await order('7003')).toMatch(/^Pass ordered: Pyotr Ivanov, Old Town, Building 1, 7, until 2026-12-07 20:00 UTC/);
    await order('7003');
    await order('7004');
    expect(desk.created.map((c) => c.commandId)).toEqual(['telegram-pass:7003:880001', 'telegram-pass:7003:880001', 'telegram-pass:7004:880001']);
  });

  it('lets a failed lookup of the client fail the update instead of asking for the phone again', async () => {
    const desk = deskRecorder();
    const ordering = new TelegramPassOrdering(
      {
        findClientByPhone: async () => {
          throw new Error('connection terminated unexpectedly');
        },
      },
      { currentUnitsOf: async () => [flat] },
      desk.passes,
    );
    await expect(
      ordering.order({ chatId: '7003', phone: ivan.phone, command: { kind: 'order', visitorName: 'Pyotr Ivanov' }, updateId: 880_002, receivedAt }),
    ).rejects.toThrow('connection terminated unexpectedly');
    expect(desk.created).toEqual([]);
  });

  it('answers a pass the desk’s rules refuse (the same on every redelivery) instead of failing the update', async () => {
    const ordering = new TelegramPassOrdering(
      { findClientByPhone: async () => ivan },
      { currentUnitsOf: async () => [flat] },
      {
        create: async () => {
          throw new PassRuleError('plate', 'the plate is not a car plate');
        },
      },
    );
    await expect(ordering.order({ chatId: '7003', phone: ivan.phone, command: { kind: 'order', plate: 'Z' }, updateId: 880_003, receivedAt })).resolves.toBe(
      'The pass cannot be ordered: the plate is not a car plate',
    );
  });

  it('asks a chat whose phone names no client to share it, without creating a client', async () => {
    const looked: string[] = [];
    const ordering = new TelegramPassOrdering(
      { findClientByPhone: async (phone) => (looked.push(phone), undefined) },
      { currentUnitsOf: async () => [] },
      deskRecorder().passes,
    );
    expect(await ordering.order({ chatId: '7009', phone: '+447400999999', command: { kind: 'order', visitorName: 'Olga' }, updateId: 1, receivedAt })).toMatch(
      /^Please share your phone number first/,
    );
    expect(looked).toEqual(['+447400999999']);
  });
});
