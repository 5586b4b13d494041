// GSM 03.38 default alphabet, as SMPP carries it with data_coding 0: one septet per octet (unpacked).
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const ESCAPE = 0x1b;
const EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

const basicCodes: ReadonlyMap<string, number> = new Map([...BASIC].map((char, code) => [char, code] as const).filter(([, code]) => code !== ESCAPE));

/** The septets of one character (two for the extension table), or undefined when GSM cannot carry it. */
export function gsm7Septets(char: string): readonly number[] | undefined {
  const basic = basicCodes.get(char);
  if (basic !== undefined) return [basic];
  const extended = EXTENSION.get(char);
  return extended === undefined ? undefined : [ESCAPE, extended];
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (!gsm7Septets(char)) return false;
  return true;
}

/** Unpacked septets; throws on a character GSM cannot carry (check with isGsm7 first). */
export function encodeGsm7(text: string): Buffer {
  const septets: number[] = [];
  for (const char of text) {
    const codes = gsm7Septets(char);
    if (!codes) throw new Error(`GSM 03.38 cannot carry ${JSON.stringify(char)}`);
    septets.push(...codes);
  }
  return Buffer.from(septets);
}
