import { Controller, Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, USER_DIRECTORY, directoryUsersFor } from '@switchboard/identity';
import type { DirectoryUserView, UserDirectory } from '@switchboard/identity';
import { roles } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodQuery, answerSchema } from '@switchboard/platform';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { sameShape } from '../http/same-shape';

const params = z.object({
  role: z.enum(roles).optional(),
  department: z.string().trim().min(1).max(100).optional().describe('A help-desk department the caller is in.'),
  workGroup: z.string().trim().min(1).max(100).optional().describe('An L3 work group the caller is in (directory group name, e.g. network-l3).'),
  q: z.string().trim().max(100).optional().describe('Part of the username, the name or the email.'),
});

const directoryUserAnswer = answerSchema(
  'DirectoryUser',
  z.object({
    id: z.string().describe('What assignments store.'),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    departments: z.array(z.string()),
    workGroups: z.array(z.string()),
    groups: z.array(z.string()).describe('Full group paths.'),
  }),
);
const directoryUsersAnswer = answerSchema('DirectoryUsers', z.object({ items: z.array(directoryUserAnswer) }));

sameShape<z.output<typeof directoryUserAnswer>, DirectoryUserView>(true);

@ApiTags('directory')
@ApiBearerAuth()
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('directory')
export class DirectoryController {
  constructor(@Inject(USER_DIRECTORY) private readonly directory: UserDirectory) {}

  @Get('users')
  @Operation('listDirectoryUsers', 'People for pickers (assignees, colleagues): members of the caller’s own departments and work groups.')
  @Responds(200, directoryUsersAnswer, 'The users, by username.')
  @Problems(400, 401, 503)
  async users(@CurrentPrincipal() principal: Principal, @ZodQuery(params) query: z.output<typeof params>): Promise<{ items: DirectoryUserView[] }> {
    return { items: await directoryUsersFor(this.directory, principal, query) };
  }
}
