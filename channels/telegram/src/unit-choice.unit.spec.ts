import { UNIT_BUTTON_TEXT_MAX, parseUnitCallback, unitCallbackData, unitKeyboard } from './unit-choice';

const requestId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const unitId = '0e57a7e0-0000-4000-8000-000000000245';

describe('the unit choice buttons', () => {
  it('round-trips the request and the unit through the callback data, within Telegram’s 64 bytes', () => {
    const data = unitCallbackData(requestId, unitId);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseUnitCallback(data)).toEqual({ requestId, unitId });
    expect(parseUnitCallback(unitCallbackData(requestId.toUpperCase(), unitId))).toEqual({ requestId, unitId });
  });

  it('reads nothing from another button’s data or a forged one', () => {
    const data = unitCallbackData(requestId, unitId);
    for (const other of [
      'sv:0123456789abcdef0123456789abcdef:0:r4',
      'unsub',
      'un:',
      `${data}:x`,
      data.slice(0, -1),
      `${data.slice(0, -1)}B`,
      'un:!!!!!!!!!!!!!!!!!!!!!!:x',
    ]) {
      expect([other, parseUnitCallback(other)]).toEqual([other, undefined]);
    }
  });

  it('refuses ids that are not UUIDs rather than write data it cannot read back', () => {
    expect(() => unitCallbackData('req-1', unitId)).toThrow(/UUIDs/);
  });

  it('offers one button per unit, labelled like the portal, a long label cut', () => {
    const long = `River Park, ${'Very long building name '.repeat(4)}, 45`;
    const keyboard = unitKeyboard(requestId, [
      { unitId, label: 'River Park, Building 2, 45' },
      { unitId: '0e57a7e0-0000-4000-8000-000000000212', label: long },
    ]);
    expect(keyboard.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([
      ['River Park, Building 2, 45'],
      [`${long.slice(0, UNIT_BUTTON_TEXT_MAX - 1)}…`],
    ]);
    expect(parseUnitCallback(keyboard.inline_keyboard[1][0].callback_data)).toEqual({ requestId, unitId: '0e57a7e0-0000-4000-8000-000000000212' });
  });
});
