import { Logger } from '@nestjs/common';
import type { DecodedMessage } from 'smpp';
import { storableText } from '@switchboard/kernel';
import type { InboundContact, IntakeResult } from '@switchboard/service-desk';
import { phoneFromSmppAddress } from './smpp-address';
import { ESME_RINVDCS, ESME_RINVSRCADR, ESME_ROK } from './smpp.client';
import type { DeliverSm } from './smpp.client';
import { concatenationOf } from './smpp-concatenation';
import { isDeliveryReceipt, parseDeliveryReceipt } from './smpp-delivery-receipt';
import type { SmppReceiptRecorder } from './smpp-receipt.recorder';
import { smscMessageId } from './smpp-inbound-id';
import type { AssembledMessage, PostgresSmppInboundStore } from './smpp-inbound.store';

export interface SmppIntake {
  receive(contact: InboundContact): Promise<IntakeResult>;
}

export type SmppInboundOutcome = 'stored' | 'duplicate' | 'part-stored' | 'receipt' | 'refused';

export interface SmppInboundHandlerOptions {
  readonly intake: SmppIntake;
  readonly store: PostgresSmppInboundStore;
  readonly receipts: SmppReceiptRecorder;
  readonly onOutcome?: (outcome: SmppInboundOutcome) => void;
  readonly clock?: () => Date;
}

/**
 * Handles each deliver_sm and returns the status of its deliver_sm_resp: ESME_ROK only once the
 * message (or, for one part of a concatenated SMS, the part) is durably stored. Storage failures
 * propagate, and the client answers them with a temporary error so the SMSC resends. Messages of
 * one sender are handled one at a time, in arrival order.
 */
export class SmppInboundHandler {
  private readonly logger = new Logger('smpp');
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: SmppInboundHandlerOptions) {}

  handle(pdu: DeliverSm): Promise<number> {
    const esmClass = Number(pdu.esm_class ?? 0);
    if (isDeliveryReceipt(esmClass)) return this.receipt(pdu, esmClass);
    return this.serialised(`from:${String(pdu.source_addr ?? '')}`, () => this.message(pdu));
  }

  /** A concatenated SMS whose missing parts never came is stored with the gaps marked, not dropped. */
  async storeOverdueParts(): Promise<number> {
    const overdue = await this.options.store.overdueMessages();
    for (const message of overdue) {
      this.logger.warn(
        `concatenated SMS ${message.reference} from ${message.originator}: ${message.parts.length} of ${message.total} parts arrived; storing what came`,
      );
      await this.serialised(`from:${message.originator}`, () => this.storeAssembled(message));
    }
    return overdue.length;
  }

  private async message(pdu: DeliverSm): Promise<number> {
    const source = String(pdu.source_addr ?? '');
    const phone = phoneFromSmppAddress(source, Number(pdu.source_addr_ton ?? 0));
    if (!phone)
      return this.refuse(ESME_RINVSRCADR, `deliver_sm from ${JSON.stringify(source)} (TON ${String(pdu.source_addr_ton)}): the sender is not a phone number`);
    const decoded = decodeText(pdu);
    if ('error' in decoded) return this.refuse(ESME_RINVDCS, `deliver_sm from ${phone}: ${decoded.error}`);
    const concatenation = concatenationOf({
      udh: decoded.udh,
      sarReference: optionalNumber(pdu.sar_msg_ref_num),
      sarTotal: optionalNumber(pdu.sar_total_segments),
      sarSeq: optionalNumber(pdu.sar_segment_seqnum),
    });
    if (concatenation) {
      const part = await this.options.store.storePart({ originator: phone, ...concatenation, text: decoded.text });
      if (part.kind !== 'complete') {
        this.options.onOutcome?.('part-stored');
        return ESME_ROK;
      }
      await this.storeAssembled(part.message);
      return ESME_ROK;
    }
    const smscId = typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id.trim() ? pdu.receipted_message_id.trim() : undefined;
    const messageId = smscId ? smscMessageId(smscId) : await this.options.store.singleMessageId(phone, decoded.text, this.now());
    const recipient = typeof pdu.destination_addr === 'string' && pdu.destination_addr.trim() ? pdu.destination_addr.trim() : undefined;
    await this.receive(phone, messageId, decoded.text, this.now(), recipient);
    return ESME_ROK;
  }

  private async storeAssembled(message: AssembledMessage): Promise<void> {
    await this.receive(message.originator, message.messageId, message.text, message.firstReceivedAt);
    await this.options.store.markAssembled(message);
  }

  /** `recipient`: the number the client wrote to (single-part messages; the parts store does not keep it), for routing rules. */
  private async receive(phone: string, messageId: string, text: string, receivedAt: Date, recipient?: string): Promise<void> {
    const result = await this.options.intake.receive({
      channel: 'sms',
      messageId,
      contact: { channel: 'sms', address: phone },
      // NUL (UCS-2 0x0000) and half a surrogate pair (a lost UCS-2 part, a broken handset) cannot be stored.
      text: storableText(text),
      receivedAt,
      client: { phone },
      ...(recipient ? { recipient } : {}),
    });
    this.options.onOutcome?.(result.duplicate ? 'duplicate' : 'stored');
  }

  private async receipt(pdu: DeliverSm, esmClass: number): Promise<number> {
    const receipt = parseDeliveryReceipt({
      esmClass,
      receiptedMessageId: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : undefined,
      messageState: optionalNumber(pdu.message_state),
      text: decodeText(pdu).text,
    });
    if (!receipt) {
      this.logger.warn(`delivery receipt without a message id from ${String(pdu.source_addr ?? '')}: acknowledged, nothing to record`);
      this.options.onOutcome?.('receipt');
      return ESME_ROK;
    }
    await this.serialised(`receipt:${receipt.messageId}`, () => this.options.receipts.record(receipt));
    this.options.onOutcome?.('receipt');
    return ESME_ROK;
  }

  private refuse(status: number, reason: string): number {
    this.logger.warn(`${reason}; refused`);
    this.options.onOutcome?.('refused');
    return status;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.queues.set(key, run);
    void run
      .finally(() => {
        if (this.queues.get(key) === run) this.queues.delete(key);
      })
      .catch(() => undefined);
    return run;
  }
}

// data_coding values the smpp package leaves undecoded but that are text.
const SINGLE_BYTE_CODINGS: Readonly<Record<number, string>> = { 0x06: 'iso-8859-5', 0x07: 'iso-8859-8' };

/** The text (and UDH) of short_message or, when that is empty, message_payload. */
function decodeText(pdu: DeliverSm): { text: string; udh?: Buffer[] } | { text: string; error: string } {
  const short = asDecoded(pdu.short_message);
  const payload = asDecoded(pdu.message_payload);
  const chosen = short && messageLength(short) > 0 ? short : (payload ?? short);
  if (!chosen) return { text: '' };
  if (typeof chosen.message === 'string') return { text: chosen.message, udh: chosen.udh };
  const coding = Number(pdu.data_coding ?? 0) & 0x0f;
  const encoding = SINGLE_BYTE_CODINGS[coding];
  if (!encoding)
    return {
      text: '',
      error: `data_coding 0x${Number(pdu.data_coding ?? 0).toString(16)} is not a text encoding we read (GSM 7-bit, Latin-1, UCS-2, Cyrillic, Hebrew)`,
    };
  return { text: new TextDecoder(encoding).decode(chosen.message), udh: chosen.udh };
}

function asDecoded(value: unknown): DecodedMessage | undefined {
  if (Buffer.isBuffer(value)) return { message: value };
  if (value && typeof value === 'object' && 'message' in value) return value as DecodedMessage;
  return undefined;
}

function messageLength(decoded: DecodedMessage): number {
  return decoded.message.length + (decoded.udh?.length ?? 0);
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
