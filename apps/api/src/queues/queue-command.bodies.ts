import { z } from 'zod';
import { bodySchema } from '@switchboard/platform';
import { priorities } from '@switchboard/service-desk/domain';

export const setPriorityBody = bodySchema('SetPriorityBody', z.object({ priority: z.enum(priorities).describe('P1 most urgent, P4 least.') }).strict());
export const takeBody = bodySchema('TakeBody', z.object({}).strict());
