/** Where one part of a concatenated SMS belongs. */
export interface Concatenation {
  readonly reference: number;
  readonly total: number;
  /** 1-based. */
  readonly seq: number;
}

/** The concatenation fields of a deliver_sm: UDH information elements or the SAR TLVs. */
export interface ConcatenationFields {
  readonly udh?: readonly Buffer[];
  readonly sarReference?: number;
  readonly sarTotal?: number;
  readonly sarSeq?: number;
}

const IEI_CONCAT_8BIT = 0x00;
const IEI_CONCAT_16BIT = 0x08;

/**
 * The part's place in a concatenated message, or undefined for a message that is whole (a
 * "concatenated" message of one part is whole, and a malformed element is read as no element).
 */
export function concatenationOf(fields: ConcatenationFields): Concatenation | undefined {
  for (const element of fields.udh ?? []) {
    // Each element: identifier, length, data.
    if (element[0] === IEI_CONCAT_8BIT && element[1] === 3 && element.length >= 5) return valid({ reference: element[2], total: element[3], seq: element[4] });
    if (element[0] === IEI_CONCAT_16BIT && element[1] === 4 && element.length >= 6)
      return valid({ reference: element.readUInt16BE(2), total: element[4], seq: element[5] });
  }
  if (fields.sarReference !== undefined && fields.sarTotal !== undefined && fields.sarSeq !== undefined) {
    return valid({ reference: fields.sarReference, total: fields.sarTotal, seq: fields.sarSeq });
  }
  return undefined;
}

function valid(concatenation: Concatenation): Concatenation | undefined {
  const { total, seq } = concatenation;
  return total > 1 && seq >= 1 && seq <= total ? concatenation : undefined;
}
