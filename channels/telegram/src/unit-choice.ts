/**
 * Asking a client which of their units a new request is about (issue 16: "the Telegram bot offers
 * the client's units as buttons"). Pure: the callback data and the keyboard.
 *
 * Callback data is `un:<request id>:<unit id>`, each UUID as 22 base64url characters (its 16
 * bytes): 48 bytes, within Telegram's 64. It names the request, so a button pressed under an old
 * question sets that request's unit, never the chat's latest one.
 */
export const UNIT_CALLBACK_PREFIX = 'un:';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B64_UUID = /^[A-Za-z0-9_-]{22}$/;

const packUuid = (uuid: string): string => Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');

function unpackUuid(packed: string): string | undefined {
  if (!B64_UUID.test(packed)) return undefined;
  const bytes = Buffer.from(packed, 'base64url');
  // 22 characters hold 132 bits: the last two must be zero, or the text is not one we wrote.
  if (bytes.length !== 16 || bytes.toString('base64url') !== packed) return undefined;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function unitCallbackData(requestId: string, unitId: string): string {
  if (!UUID.test(requestId) || !UUID.test(unitId)) throw new Error(`unit choice needs UUIDs: ${requestId}, ${unitId}`);
  return `${UNIT_CALLBACK_PREFIX}${packUuid(requestId)}:${packUuid(unitId)}`;
}

/** The request and unit a pressed button names; undefined for any other data (a survey's, a forged one). */
export function parseUnitCallback(data: string): { requestId: string; unitId: string } | undefined {
  if (!data.startsWith(UNIT_CALLBACK_PREFIX)) return undefined;
  const [request, unit, ...rest] = data.slice(UNIT_CALLBACK_PREFIX.length).split(':');
  if (rest.length > 0 || request === undefined || unit === undefined) return undefined;
  const requestId = unpackUuid(request);
  const unitId = unpackUuid(unit);
  return requestId && unitId ? { requestId, unitId } : undefined;
}

/** A unit as the buttons show it: the portal's label ("River Park, Building 2, 45"). */
export interface UnitOption {
  readonly unitId: string;
  readonly label: string;
}

/** Telegram caps a button's text; a longer label is cut with an ellipsis (the button still names the unit by its id). */
export const UNIT_BUTTON_TEXT_MAX = 64;

/** One button per unit, one per row (labels are long; a phone shows them whole). */
export function unitKeyboard(requestId: string, units: readonly UnitOption[]): { inline_keyboard: { text: string; callback_data: string }[][] } {
  return {
    inline_keyboard: units.map((unit) => [
      {
        text: unit.label.length > UNIT_BUTTON_TEXT_MAX ? `${unit.label.slice(0, UNIT_BUTTON_TEXT_MAX - 1)}…` : unit.label,
        callback_data: unitCallbackData(requestId, unit.unitId),
      },
    ]),
  };
}
