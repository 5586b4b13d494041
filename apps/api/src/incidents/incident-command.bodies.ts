import { z } from 'zod';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

export const assignIncidentBody = bodySchema(
  'AssignIncidentBody',
  z.object({ assigneeId: text(100).describe('An L3 engineer of the incident’s work group: user id or username.') }),
);
export const emptyBody = bodySchema('EmptyBody', z.object({}).strict());
export const holdBody = bodySchema('HoldBody', z.object({ reason: text(1_000) }));
export const narrativeBody = bodySchema('NarrativeBody', z.object({ text: text(20_000) }));
export const resolveBody = bodySchema('ResolveBody', z.object({ resolution: text(5_000) }));
export const reopenBody = bodySchema('ReopenIncidentBody', z.object({ reason: text(1_000).describe('What the client said: the problem persists.') }));
export const unlinkBody = bodySchema('UnlinkBody', z.object({ reason: text(1_000) }));
