import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PermanentSendError } from '@switchboard/communications';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { PostgresCommunicationSmsParts, communicationSmsPartsSchema } from './communication-sms-parts';
import { smppSchema } from './smpp.migration';
import { SmppReceiptRecorder } from './smpp-receipt.recorder';
import { PostgresSmppSubmittedStore } from './smpp-submitted.store';
import { LocalSmsc } from './testing';
import { parseSmppUrl } from './smpp-endpoint';
import { SmppClient } from './smpp.client';
import { SmsCommunicationSender } from './sms-communication.sender';

const ESME_RINVDSTADR = 0x000b;
const ESME_RTHROTTLED = 0x0058;

describe('SMS communications over SMPP against a local SMSC', () => {
  let smsc: LocalSmsc;
  let client: SmppClient;
  let sender: SmsCommunicationSender;
  let db: TestDatabase;
  let pool: Pool;
  // The second submit_sm to this number is throttled once: a long text fails half-way.
  let halfWaySubmits = 0;

  beforeAll(async () => {
    db = await createTestDatabase('sms_communications');
    pool = new Pool({ connectionString: db.url, max: 2 });
    for (const statement of [...smppSchema, ...communicationSmsPartsSchema]) await pool.query(statement);
    smsc = await LocalSmsc.start(await freePort(), {
      refuseSubmit: (destination) => {
        if (destination === '79160000000') return ESME_RINVDSTADR;
        if (destination === '79160000001') return ESME_RTHROTTLED;
        if (destination === '79160000002') return ++halfWaySubmits === 2 ? ESME_RTHROTTLED : undefined;
        return undefined;
      },
    });
    client = new SmppClient({ endpoint: parseSmppUrl(smsc.url), bindAs: 'transmitter', enquireLinkMs: 30_000, responseTimeoutMs: 5_000 });
    client.start();
    await client.whenBound();
    sender = new SmsCommunicationSender({ client, sourceAddr: 'Switchboard' });
  });

  afterAll(async () => {
    await client.stop();
    await smsc.stop();
    await pool.end();
    await db.drop();
  });

  const communication = (address: string, text: string) => ({
    communicationId: randomUUID(),
    channel: 'sms' as const,
    address,
    message: { text },
  });

  it('submits the text and answers with the SMSC’s message_id from submit_sm_resp', async () => {
    const sent = await sender.send(communication('+79161234567', 'Отключение воды 12.12 с 10:00 до 14:00'));
    const submitted = smsc.submitted.at(-1);
    expect(submitted?.destination).toBe('79161234567');
    expect(submitted?.source).toBe('Switchboard');
    expect(submitted?.dataCoding).toBe(0x08);
    expect(sent.providerMessageId).toBe(submitted?.messageId);
  });

  it('sends a long text as concatenated parts and names every part’s message id', async () => {
    const before = smsc.submitted.length;
    const sent = await sender.send(communication('+79161234568', 'Уважаемый клиент! '.repeat(10)));
    const parts = smsc.submitted.slice(before);
    expect(parts.length).toBeGreaterThan(1);
    expect(sent.providerMessageId).toBe(parts.map((p) => p.messageId).join(','));
  });

  it('submits only the missing parts when a long text is sent again after failing half-way', async () => {
    const remembering = new SmsCommunicationSender({ client, sourceAddr: 'Switchboard', parts: new PostgresCommunicationSmsParts(pool) });
    const outgoing = communication('+79160000002', 'Плановые работы на линии, связь может пропадать. '.repeat(3));
    const before = smsc.submitted.length;
    await expect(remembering.send(outgoing)).rejects.not.toBeInstanceOf(PermanentSendError);
    expect(smsc.submitted.length - before).toBe(1);
    const sent = await remembering.send(outgoing);
    const parts = smsc.submitted.slice(before);
    expect(parts.length).toBe(3);
    expect(new Set(parts.map((p) => p.udh[0]?.toString('hex'))).size).toBe(3);
    expect(sent.providerMessageId).toBe(parts.map((p) => p.messageId).join(','));
  });

  it('turns the parts’ delivery receipts into the communication’s outcome: delivered once every part is, failed at the first failure', async () => {
    const parts = new PostgresCommunicationSmsParts(pool);
    const remembering = new SmsCommunicationSender({ client, sourceAddr: 'Switchboard', parts });
    const outcomes: [string, string, string, string | undefined][] = [];
    const recorder = new SmppReceiptRecorder({
      submitted: new PostgresSmppSubmittedStore(pool),
      commands: { execute: async () => Promise.reject(new Error('not a request’s receipt')) },
      communications: { parts, outcomes: { recordOutcome: async (id, outcome, receiptId, reason) => outcomes.push([id, outcome, receiptId, reason]) } },
      lookupDelaysMs: [],
    });
    const delivered = communication('+79161234570', 'Ваш мастер приедет завтра с 10:00 до 12:00. '.repeat(4));
    const ids = (await remembering.send(delivered)).providerMessageId?.split(',') ?? [];
    expect(ids).toHaveLength(3);
    const [first, second, third] = ids;
    await recorder.record({ messageId: first, outcome: 'delivered', state: 'DELIVRD' });
    await recorder.record({ messageId: second, outcome: 'delivered', state: 'DELIVRD' });
    expect(outcomes).toEqual([]);
    await recorder.record({ messageId: third, outcome: 'delivered', state: 'DELIVRD' });
    expect(outcomes).toEqual([[delivered.communicationId, 'delivered', 'smpp:delivered', undefined]]);

    const failed = communication('+79161234571', 'Ваш мастер приедет завтра с 10:00 до 12:00. '.repeat(4));
    const [part] = (await remembering.send(failed)).providerMessageId?.split(',') ?? [];
    await recorder.record({ messageId: part, outcome: 'failed', state: 'UNDELIV', error: '001' });
    expect(outcomes.at(-1)).toEqual([failed.communicationId, 'failed', 'smpp:failed', 'SMSC receipt UNDELIV (err 001)']);
  });

  it('fails permanently when the SMSC refuses the destination (ESME_RINVDSTADR)', async () => {
    const error = await sender.send(communication('+79160000000', 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).reason).toContain('ESME_RINVDSTADR');
  });

  it('leaves a throttled submit to be retried', async () => {
    const error = await sender.send(communication('+79160000001', 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
  });

  it('refuses an address that is not a phone number without calling the SMSC', async () => {
    const before = smsc.submitted.length;
    await expect(sender.send(communication('not-a-phone', 'Hello'))).rejects.toBeInstanceOf(PermanentSendError);
    expect(smsc.submitted.length).toBe(before);
  });
});
