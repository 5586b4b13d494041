import { DATA_CODING_GSM7, DATA_CODING_UCS2, ESM_CLASS_UDHI, SmsTooLongError, splitForSmpp } from './smpp-outbound.splitter';

const udhOf = (part: Buffer) => [...part.subarray(0, 6)];
const ucs2 = (payload: Buffer) => Buffer.from(payload).swap16().toString('utf16le');

describe('splitting a text for submit_sm', () => {
  it('sends a GSM text of 160 characters as one part without a UDH', () => {
    const text = 'a'.repeat(160);
    const submission = splitForSmpp(text, 7);
    expect(submission).toMatchObject({ dataCoding: DATA_CODING_GSM7, esmClass: 0 });
    expect(submission.parts).toHaveLength(1);
    expect(submission.parts[0]).toEqual(Buffer.from(text, 'ascii'));
  });

  it('encodes GSM characters in the default alphabet and the extension table (one septet per octet)', () => {
    const [part] = splitForSmpp('@£€[x]', 1).parts;
    expect([...part]).toEqual([0x00, 0x01, 0x1b, 0x65, 0x1b, 0x3c, 0x78, 0x1b, 0x3e]);
  });

  it('splits a longer GSM text into 153-septet parts, each with a concatenation UDH', () => {
    const text = 'b'.repeat(400);
    const submission = splitForSmpp(text, 0x2a);
    expect(submission).toMatchObject({ dataCoding: DATA_CODING_GSM7, esmClass: ESM_CLASS_UDHI });
    expect(submission.parts.map((p) => p.length - 6)).toEqual([153, 153, 94]);
    expect(submission.parts.map(udhOf)).toEqual([
      [0x05, 0x00, 0x03, 0x2a, 3, 1],
      [0x05, 0x00, 0x03, 0x2a, 3, 2],
      [0x05, 0x00, 0x03, 0x2a, 3, 3],
    ]);
  });

  it('never ends a part between an escape and its extension character', () => {
    const text = `${'c'.repeat(152)}€tail${'d'.repeat(20)}`;
    const submission = splitForSmpp(text, 1);
    const first = submission.parts[0].subarray(6);
    expect(first).toHaveLength(152);
    expect(submission.parts[1].subarray(6, 8)).toEqual(Buffer.from([0x1b, 0x65]));
  });

  it('uses UCS-2 when GSM cannot carry the text and splits it into 67-character parts', () => {
    const text = 'Ж'.repeat(150);
    const submission = splitForSmpp(text, 3);
    expect(submission.dataCoding).toBe(DATA_CODING_UCS2);
    expect(submission.parts.map((p) => (p.length - 6) / 2)).toEqual([67, 67, 16]);
    expect(submission.parts.map((p) => ucs2(p.subarray(6))).join('')).toBe(text);
  });

  it('sends a UCS-2 text of 70 characters as one part', () => {
    const submission = splitForSmpp('Привет'.padEnd(70, 'я'), 3);
    expect(submission).toMatchObject({ dataCoding: DATA_CODING_UCS2, esmClass: 0 });
    expect(submission.parts).toHaveLength(1);
  });

  it('keeps both halves of a surrogate pair in one part', () => {
    const text = `${'я'.repeat(66)}😀${'я'.repeat(10)}`;
    const submission = splitForSmpp(text, 3);
    expect(ucs2(submission.parts[0].subarray(6))).toBe('я'.repeat(66));
    expect(ucs2(submission.parts[1].subarray(6))).toBe(`😀${'я'.repeat(10)}`);
  });

  it('refuses a text that needs more than 255 parts', () => {
    expect(() => splitForSmpp('x'.repeat(153 * 256), 1)).toThrow(SmsTooLongError);
  });
});
