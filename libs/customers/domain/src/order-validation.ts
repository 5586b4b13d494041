import type { OrderDetails, OrderInput } from './client';
import type { FieldError, Validated } from './field-error';
import { invalid, valid } from './field-error';
import { normaliseMoney } from './money';

const maxCodeLength = 64;
const maxOrderNameLength = 200;

/** Order codes are compared as written, without surrounding spaces; no space inside. */
export function normaliseOrderCode(raw: string | null | undefined): string | undefined {
  const code = raw?.trim();
  return code && code.length <= maxCodeLength && !/\s/.test(code) ? code : undefined;
}

/** Checks a new order: a code without spaces, a name, and a cost as a decimal string with up to 2 decimals. */
export function parseOrderDetails(input: OrderInput): Validated<OrderDetails> {
  const errors: FieldError[] = [];
  const code = normaliseOrderCode(input.code);
  if (!input.code?.trim()) errors.push({ field: 'code', message: 'is required' });
  else if (!code) errors.push({ field: 'code', message: `must be at most ${maxCodeLength} characters without spaces` });
  const name = input.name?.trim().replace(/\s+/g, ' ');
  if (!name) errors.push({ field: 'name', message: 'is required' });
  else if (name.length > maxOrderNameLength) errors.push({ field: 'name', message: `must be at most ${maxOrderNameLength} characters` });
  const cost = normaliseMoney(input.cost);
  if (!input.cost?.trim()) errors.push({ field: 'cost', message: 'is required' });
  else if (!cost) errors.push({ field: 'cost', message: 'must be an amount like 1234.50: up to 12 digits and 2 decimals, written as text' });
  if (errors.length > 0 || !code || !name || !cost) return invalid(errors);
  return valid({ code, name, cost });
}

export function validateOrder(input: OrderInput): FieldError[] {
  const result = parseOrderDetails(input);
  return result.ok ? [] : result.errors;
}
