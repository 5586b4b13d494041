import type { Response } from 'express';
import type { CommandResult } from '@switchboard/service-desk';

export interface Accepted {
  /** The entity the command acted on. */
  readonly id: string;
  /** Global position the command produced; pass it as `minPosition` to read your write. */
  readonly position: string | null;
  /** The entity's revision now; send it back as `If-Match` with the next command. */
  readonly revision: number;
}

/** 202 with the position for read-your-writes and the new revision as the ETag. */
export function accepted(res: Response, id: string, result: CommandResult): Accepted {
  res.status(202).setHeader('ETag', `"${result.revision}"`);
  return { id, position: result.position, revision: Number(result.revision) };
}
