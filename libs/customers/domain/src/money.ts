const money = /^\d{1,12}(\.\d{1,2})?$/;

/** True for a non-negative amount with at most 12 integer digits and 2 decimals, written as text. */
export function isMoney(raw: string): boolean {
  return money.test(raw);
}

/**
 * The amount with exactly two decimals (`"1234.5"` → `"1234.50"`), or undefined when it is not
 * money. Pure string work: a float never touches the amount.
 */
export function normaliseMoney(raw: string | null | undefined): string | undefined {
  const text = (raw ?? '').trim();
  if (!isMoney(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  return `${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
}
