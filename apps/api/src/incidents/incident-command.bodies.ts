import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const assignIncidentBody = z.object({ assigneeId: text(100) });
export const emptyBody = z.object({}).strict();
export const holdBody = z.object({ reason: text(1_000) });
export const narrativeBody = z.object({ text: text(20_000) });
export const resolveBody = z.object({ resolution: text(5_000) });
export const unlinkBody = z.object({ reason: text(1_000) });
