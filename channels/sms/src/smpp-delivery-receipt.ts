/** esm_class message type bits (2-5): what a deliver_sm carries. */
const MESSAGE_TYPE_MASK = 0x3c;
const SMSC_DELIVERY_RECEIPT = 0x04;
const INTERMEDIATE_NOTIFICATION = 0x20;

export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

export interface DeliveryReceipt {
  /** The message_id the SMSC answered our submit_sm with. */
  readonly messageId: string;
  readonly outcome: ReceiptOutcome;
  /** The SMSC's state name (DELIVRD, UNDELIV, ...), for the failure reason. */
  readonly state: string;
  readonly error?: string;
}

export interface ReceiptFields {
  readonly esmClass: number;
  readonly receiptedMessageId?: string;
  readonly messageState?: number;
  /** The receipt text: `id:... sub:... dlvrd:... submit date:... done date:... stat:DELIVRD err:000 text:...`. */
  readonly text?: string;
}

/** A deliver_sm that reports on a message we sent rather than bringing one from a customer. */
export function isDeliveryReceipt(esmClass: number): boolean {
  const type = esmClass & MESSAGE_TYPE_MASK;
  return type === SMSC_DELIVERY_RECEIPT || type === INTERMEDIATE_NOTIFICATION;
}

// message_state TLV values (SMPP 5.0, 4.7.15).
const STATE_NAMES: Readonly<Record<number, string>> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

const OUTCOMES: Readonly<Record<string, ReceiptOutcome>> = {
  DELIVRD: 'delivered',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  UNKNOWN: 'failed',
  REJECTD: 'failed',
  SKIPPED: 'failed',
  ENROUTE: 'pending',
  ACCEPTD: 'pending',
};

/**
 * Reads a delivery receipt: the TLVs when the SMSC sends them (receipted_message_id,
 * message_state), else the de-facto receipt text format. Undefined when neither names the message.
 */
export function parseDeliveryReceipt(fields: ReceiptFields): DeliveryReceipt | undefined {
  const text = fields.text ?? '';
  const id = fields.receiptedMessageId?.trim() || /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  if (!id) return undefined;
  const state =
    (fields.messageState !== undefined ? STATE_NAMES[fields.messageState] : undefined) ?? /(?:^|\s)stat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? 'UNKNOWN';
  const error = /(?:^|\s)err:(\w+)/i.exec(text)?.[1];
  const outcome = (fields.esmClass & MESSAGE_TYPE_MASK) === INTERMEDIATE_NOTIFICATION ? 'pending' : (OUTCOMES[state] ?? 'failed');
  return { messageId: id, outcome, state, error };
}
