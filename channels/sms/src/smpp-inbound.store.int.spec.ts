import { PDU } from 'smpp';
import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import type { InboundContact, IntakeResult } from '@switchboard/service-desk';
import { SmppInboundHandler } from './smpp-inbound.handler';
import { PostgresSmppInboundStore } from './smpp-inbound.store';
import { smppSchema } from './smpp.migration';
import { SmppReceiptRecorder } from './smpp-receipt.recorder';
import { PostgresSmppSubmittedStore } from './smpp-submitted.store';

/** Stores what it is given, like IntakeService, keyed by message id. */
class RecordingIntake {
  readonly stored = new Map<string, InboundContact>();
  async receive(contact: InboundContact): Promise<IntakeResult> {
    const duplicate = this.stored.has(contact.messageId);
    this.stored.set(contact.messageId, contact);
    return { requestId: 'r', registered: !duplicate, duplicate, position: null };
  }
}

/** A deliver_sm as it arrives off the wire (encoded, then decoded by the smpp package). */
function deliverSm(fields: Record<string, unknown>): PDU {
  const pdu = new PDU('deliver_sm', { source_addr_ton: 1, source_addr_npi: 1, destination_addr: '4242', ...fields });
  pdu.sequence_number = 1;
  return new PDU(pdu.toBuffer());
}

const part = (phone: string, reference: number, total: number, seq: number, text: string): PDU =>
  deliverSm({
    source_addr: phone,
    esm_class: 0x40,
    short_message: Buffer.concat([Buffer.from([0x05, 0x00, 0x03, reference, total, seq]), Buffer.from(text, 'latin1')]),
  });

describe('the SMPP inbound store', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('smpp_store');
    pool = new Pool({ connectionString: db.url, max: 5 });
    for (const statement of smppSchema) await pool.query(statement);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const handlerWith = (store: PostgresSmppInboundStore, intake: RecordingIntake) =>
    new SmppInboundHandler({
      intake,
      store,
      receipts: new SmppReceiptRecorder({ submitted: new PostgresSmppSubmittedStore(pool), commands: { execute: async () => undefined }, lookupDelaysMs: [] }),
    });

  it('names a resent single SMS as the first one, and the same text after the resend window as a new SMS', async () => {
    const store = new PostgresSmppInboundStore(pool, { resendWindowSeconds: 60, partsTimeoutSeconds: 60 });
    const first = await store.singleMessageId('+79160000001', 'hello', new Date('2026-11-25T10:00:00Z'));
    expect(await store.singleMessageId('+79160000001', 'hello', new Date('2026-11-25T10:00:59Z'))).toBe(first);
    expect(await store.singleMessageId('+79160000001', 'hello again', new Date('2026-11-25T10:00:59Z'))).not.toBe(first);
    expect(await store.singleMessageId('+79160000002', 'hello', new Date('2026-11-25T10:00:59Z'))).not.toBe(first);
    expect(await store.singleMessageId('+79160000001', 'hello', new Date('2026-11-25T10:01:01Z'))).not.toBe(first);
  });

  it('stores each part only once when the same part arrives concurrently several times', async () => {
    const store = new PostgresSmppInboundStore(pool, { resendWindowSeconds: 60, partsTimeoutSeconds: 60 });
    const intake = new RecordingIntake();
    const handler = handlerWith(store, intake);
    const phone = '79160000003';
    const deliveries = [1, 2, 1, 2, 2, 1].map((seq) => handler.handle(part(phone, 5, 2, seq, seq === 1 ? 'one ' : 'two')));
    expect(await Promise.all(deliveries)).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...intake.stored.values()].map((c) => c.text)).toEqual(['one two']);
  });

  it('does not mix a new message into an earlier one that reused the reference', async () => {
    const store = new PostgresSmppInboundStore(pool, { resendWindowSeconds: 60, partsTimeoutSeconds: 60 });
    const intake = new RecordingIntake();
    const handler = handlerWith(store, intake);
    const phone = '79160000004';
    await handler.handle(part(phone, 9, 2, 1, 'first '));
    await handler.handle(part(phone, 9, 2, 2, 'message'));
    // 256 messages later the handset uses reference 9 again.
    await handler.handle(part(phone, 9, 2, 2, 'one'));
    await handler.handle(part(phone, 9, 2, 1, 'another '));
    expect([...intake.stored.values()].map((c) => c.text)).toEqual(['first message', 'another one']);
  });

  it('stores a concatenated SMS whose last part never came, with the gap marked, once its parts are overdue', async () => {
    const store = new PostgresSmppInboundStore(pool, { resendWindowSeconds: 60, partsTimeoutSeconds: 1 });
    const intake = new RecordingIntake();
    const handler = handlerWith(store, intake);
    const phone = '79160000005';
    await handler.handle(part(phone, 11, 3, 1, 'Part one, '));
    await handler.handle(part(phone, 11, 3, 2, 'part two'));
    expect(intake.stored.size).toBe(0);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await handler.storeOverdueParts()).toBe(1);
    expect([...intake.stored.values()].map((c) => c.text)).toEqual(['Part one, part two[part 3 of 3 missing]']);
    expect(await handler.storeOverdueParts()).toBe(0);
  });
});
