/**
 * `/pass` — a resident orders a visitor pass from the bot (issue 16): `/pass <visitor name or
 * plate>`, or `/pass <n> <visitor>` naming the n-th of their units when they hold several (the bot
 * lists them). Pure: what the text asks for.
 */
export type PassCommand =
  | { readonly kind: 'order'; readonly unitNumber?: number; readonly visitorName?: string; readonly plate?: string }
  /** `/pass` alone, or with nothing usable: the bot explains. */
  | { readonly kind: 'help' };

const COMMAND = /^\/pass(?:@\w+)?(?:\s+([\s\S]*))?$/i;
/** A plate has digits and letters and no spaces inside once written plainly ("А123ВС 77", "AB-1234"); a name has no digits. */
const PLATE = /^(?=.*\d)(?=.*\p{L})[\p{L}\d\s-]{4,20}$/u;
const NAME_MAX = 200;

/** Whether the text is the `/pass` command at all (with or without the bot's @name). */
export const isPassCommand = (text: string): boolean => COMMAND.test(text.trim());

export function parsePassCommand(text: string): PassCommand {
  const match = COMMAND.exec(text.trim());
  let rest = (match?.[1] ?? '').trim().replace(/\s+/g, ' ');
  let unitNumber: number | undefined;
  const numbered = /^(\d{1,2})\s+(.+)$/.exec(rest);
  if (numbered) {
    unitNumber = Number(numbered[1]);
    rest = numbered[2];
  }
  if (rest === '' || (unitNumber !== undefined && unitNumber < 1)) return { kind: 'help' };
  if (PLATE.test(rest)) return { kind: 'order', ...(unitNumber ? { unitNumber } : {}), plate: rest };
  if (/\d/.test(rest) || !/\p{L}/u.test(rest) || rest.length > NAME_MAX) return { kind: 'help' };
  return { kind: 'order', ...(unitNumber ? { unitNumber } : {}), visitorName: rest };
}
