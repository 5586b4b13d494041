import { concatenationOf } from './smpp-concatenation';

describe('concatenation of an inbound part', () => {
  it('reads the 8-bit reference element of the UDH', () => {
    expect(concatenationOf({ udh: [Buffer.from([0x00, 0x03, 0x2a, 3, 2])] })).toEqual({ reference: 0x2a, total: 3, seq: 2 });
  });

  it('reads the 16-bit reference element among other elements', () => {
    const ports = Buffer.from([0x05, 0x04, 0x0b, 0x84, 0x23, 0xf0]);
    expect(concatenationOf({ udh: [ports, Buffer.from([0x08, 0x04, 0x12, 0x34, 2, 1])] })).toEqual({ reference: 0x1234, total: 2, seq: 1 });
  });

  it('reads the SAR TLVs when there is no UDH', () => {
    expect(concatenationOf({ sarReference: 500, sarTotal: 4, sarSeq: 4 })).toEqual({ reference: 500, total: 4, seq: 4 });
  });

  it('treats a one-part or malformed concatenation as a whole message', () => {
    expect(concatenationOf({ udh: [Buffer.from([0x00, 0x03, 1, 1, 1])] })).toBeUndefined();
    expect(concatenationOf({ udh: [Buffer.from([0x00, 0x03, 1, 3, 4])] })).toBeUndefined();
    expect(concatenationOf({})).toBeUndefined();
  });
});
