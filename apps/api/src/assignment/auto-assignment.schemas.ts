import { z } from 'zod';
import { answerSchema, bodySchema } from '@switchboard/platform';
import { MAX_OPEN_LIMIT, autoAssignmentModes } from '@switchboard/service-desk/domain';
import { timestamp } from '../http/shared.answers';

export const presenceStatus = z.enum(['available', 'away']);

export const presenceAnswer = answerSchema(
  'Presence',
  z.object({
    status: presenceStatus.describe('Away until the operator says they are available; an idle console turns them away.'),
    since: timestamp.describe('When the status last changed (or when the console went idle).'),
    lastSeenAt: timestamp.describe('The console’s last report of activity.'),
    idleMinutes: z.number().int().describe('Minutes without activity after which an available operator counts as away (0: never).'),
  }),
);

export const presenceBody = bodySchema('PresenceBody', z.object({ status: presenceStatus }));

const teamMember = z.object({
  id: z.string(),
  name: z.string(),
  presence: presenceStatus,
  openItems: z.number().int().describe('Open items of the scope’s kind (requests, incidents) assigned to them.'),
});

export const autoAssignmentAnswer = answerSchema(
  'AutoAssignmentSettings',
  z.object({
    scope: z.object({
      kind: z.enum(['department', 'work-group']),
      key: z.string().describe('The department’s name, or the work group’s catalogue code.'),
      name: z.string(),
    }),
    mode: z.enum(autoAssignmentModes),
    maxOpenPerOperator: z.number().int().nullable().describe('Open items an operator may hold before automatic assignment passes them by; null: no limit.'),
    skills: z
      .record(z.string(), z.array(z.number().int()))
      .describe('Work groups: the service codes each engineer handles (user id → codes). Empty: anyone takes any service.'),
    version: z.number().int().describe('0 until first saved; the `If-Match` of a change (also the ETag).'),
    updatedBy: z.string().nullable(),
    updatedAt: timestamp.nullable(),
    team: z.array(teamMember).describe('Who automatic assignment hands work to: the department’s HelpDeskUsers, the work group’s SL3Users.'),
    services: z.array(z.object({ code: z.number().int(), name: z.string() })).describe('Work groups: the services it handles (the possible skills).'),
  }),
);

export const autoAssignmentListAnswer = answerSchema('AutoAssignmentSettingsList', z.object({ items: z.array(autoAssignmentAnswer) }));

export const autoAssignmentBody = bodySchema(
  'AutoAssignmentSettingsBody',
  z.object({
    mode: z.enum(autoAssignmentModes).describe('`off`, `round-robin` (in turn) or `least-loaded` (fewest open items first).'),
    maxOpenPerOperator: z.number().int().min(1).max(MAX_OPEN_LIMIT).nullable().optional().describe('Null or absent: no limit.'),
    skills: z
      .record(z.string().max(255), z.array(z.number().int().positive()).max(500))
      .optional()
      .describe('Work groups only: user id → service codes the engineer handles.'),
  }),
);
