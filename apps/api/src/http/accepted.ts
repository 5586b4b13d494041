import type { Response } from 'express';
import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import type { CommandResult } from '@switchboard/service-desk';

export const acceptedAnswer = answerSchema(
  'Accepted',
  z.object({
    id: z.string().describe('The entity the command acted on.'),
    position: z.string().nullable().describe('Global position the command produced; pass it as `minPosition` to read your write.'),
    revision: z.number().int().describe('The entity’s revision now; send it back as `If-Match` with the next command (also the ETag).'),
  }),
);

export type Accepted = z.output<typeof acceptedAnswer>;

/** 202 with the position for read-your-writes and the new revision as the ETag. */
export function accepted(res: Response, id: string, result: CommandResult): Accepted {
  res.status(202).setHeader('ETag', `"${result.revision}"`);
  return { id, position: result.position, revision: Number(result.revision) };
}
