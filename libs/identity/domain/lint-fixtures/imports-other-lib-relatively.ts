import { assertNever } from '../../../kernel/src/assert-never';

export const relative = assertNever;
