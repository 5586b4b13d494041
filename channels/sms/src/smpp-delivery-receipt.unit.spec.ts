import { isDeliveryReceipt, parseDeliveryReceipt } from './smpp-delivery-receipt';

describe('delivery receipts', () => {
  it('tells a receipt from a customer message by esm_class', () => {
    expect(isDeliveryReceipt(0x04)).toBe(true);
    expect(isDeliveryReceipt(0x20)).toBe(true);
    expect(isDeliveryReceipt(0x00)).toBe(false);
    expect(isDeliveryReceipt(0x40)).toBe(false);
  });

  it('reads the receipted message id and state from the TLVs', () => {
    expect(parseDeliveryReceipt({ esmClass: 0x04, receiptedMessageId: 'AB12', messageState: 2 })).toEqual({
      messageId: 'AB12',
      outcome: 'delivered',
      state: 'DELIVRD',
      error: undefined,
    });
  });

  it('falls back to the receipt text and reports a failure with its error code', () => {
    const text = 'id:77 sub:001 dlvrd:000 submit date:2611251000 done date:2611251001 stat:UNDELIV err:034 text:Hello';
    expect(parseDeliveryReceipt({ esmClass: 0x04, text })).toEqual({ messageId: '77', outcome: 'failed', state: 'UNDELIV', error: '034' });
  });

  it('treats an intermediate notification and an accepted state as not final', () => {
    expect(parseDeliveryReceipt({ esmClass: 0x20, receiptedMessageId: '1', messageState: 2 })?.outcome).toBe('pending');
    expect(parseDeliveryReceipt({ esmClass: 0x04, text: 'id:1 stat:ACCEPTD' })?.outcome).toBe('pending');
  });

  it('finds nothing to record in a receipt without a message id', () => {
    expect(parseDeliveryReceipt({ esmClass: 0x04, text: 'stat:DELIVRD' })).toBeUndefined();
  });
});
