const weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

const checkDigit = (digits: readonly number[], weights: readonly number[]): number => (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;

/** A Russian taxpayer number with correct check digits: 10 digits (organisation) or 12 (person). */
export function isValidInn(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false;
  const d = [...inn].map(Number);
  if (d.length === 10) return checkDigit(d, weights10) === d[9];
  return checkDigit(d, weights11) === d[10] && checkDigit(d, weights12) === d[11];
}

/** Completes nine (or eleven) digits with their check digit(s); used to generate realistic data. */
export function withInnCheckDigits(prefix: string): string {
  const d = [...prefix].map(Number);
  if (d.length === 9) return prefix + checkDigit(d, weights10);
  if (d.length === 10) {
    const d11 = checkDigit(d, weights11);
    return `${prefix}${d11}${checkDigit([...d, d11], weights12)}`;
  }
  throw new Error(`an INN prefix has 9 or 10 digits, not ${d.length}`);
}
