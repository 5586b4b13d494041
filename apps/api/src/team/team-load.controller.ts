import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, SWITCHBOARD_CONFIG, answerSchema } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { PresenceService } from '@switchboard/service-desk';
import { TeamLoadQueries } from '@switchboard/read-models';
import type { TeamLoad } from '@switchboard/read-models';
import { sameShape } from '../http/same-shape';
import { timestamp } from '../http/shared.answers';

const assigneeLoadAnswer = answerSchema(
  'AssigneeLoad',
  z.object({
    assigneeId: z.string().nullable().describe('Null: not assigned to anyone yet.'),
    assigneeName: z.string().nullable(),
    open: z.number().int(),
    oldestId: z.string().describe('The open item waiting longest.'),
    oldestCreatedAt: timestamp,
    presence: z
      .enum(['available', 'away'])
      .nullable()
      .describe('The assignee’s presence now (automatic assignment hands work only to the available); null for the unassigned row.'),
  }),
);
const teamLoadAnswer = answerSchema(
  'TeamLoad',
  z.object({
    requests: z.array(assigneeLoadAnswer).nullable().describe('A help-desk manager’s department: open requests by assignee; null for other roles.'),
    incidents: z
      .array(assigneeLoadAnswer)
      .nullable()
      .describe('An L3 manager’s work groups: open incidents by assignee (unassigned included); null for other roles.'),
  }),
);

type PresenceStatus = 'available' | 'away';
type TeamLoadWithPresence = {
  readonly [K in keyof TeamLoad]: (NonNullable<TeamLoad[K]>[number] & { readonly presence: PresenceStatus | null })[] | null;
};

sameShape<z.output<typeof teamLoadAnswer>, TeamLoadWithPresence>(true);

/** Managers' team board, counted by the read models. */
@ApiTags('team')
@ApiBearerAuth()
@Controller('team')
export class TeamLoadController {
  constructor(
    @Inject(TeamLoadQueries) private readonly teamLoad: TeamLoadQueries,
    @Inject(PresenceService) private readonly presence: PresenceService,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Get('load')
  @Permits('team.read:department', 'team.read:work-group')
  @Operation(
    'getTeamLoad',
    'Open items per assignee of the work the caller manages, with the oldest one and the assignee’s presence: unassigned first, then the busiest.',
  )
  @Responds(200, teamLoadAnswer, 'The team load.')
  @Problems(401, 403, 503)
  async load(@CurrentPrincipal() principal: Principal): Promise<TeamLoadWithPresence> {
    const load = await this.teamLoad.of(principal);
    const ids = [...(load.requests ?? []), ...(load.incidents ?? [])].flatMap((row) => (row.assigneeId ? [row.assigneeId] : []));
    const presence = await this.presence.of([...new Set(ids)], this.config.presence.idleMinutes);
    const withPresence = (rows: TeamLoad['requests']) =>
      rows && rows.map((row) => ({ ...row, presence: row.assigneeId ? (presence.get(row.assigneeId) ?? 'away') : null }));
    return { requests: withPresence(load.requests), incidents: withPresence(load.incidents) };
  }
}
