import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PhoneCalls, UnknownCallError } from '@switchboard/channel-phone';
import { CurrentPrincipal, Roles } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { ProblemException, problemTypes } from '@switchboard/platform';

const registerCallBody = z.object({ note: z.string().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10000 characters').optional() }).strict();

export interface CallRegistered {
  readonly requestId: string;
  /** False when the call joined the caller's open request, or was a request already. */
  readonly registered: boolean;
}

/** An operator makes a call they took into a request (the call id keeps it to one). */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallRequestsController {
  constructor(@Inject(PhoneCalls) private readonly calls: PhoneCalls) {}

  @Post(':callId/request')
  @HttpCode(200)
  @Roles('HelpDeskUser', 'HelpDeskManager')
  @ApiOperation({ summary: 'Register a call the PBX reported as a request (or a message of the caller\'s open request); a HelpDeskUser gets it assigned.' })
  async register(@CurrentPrincipal() principal: Principal, @Param('callId') callId: string, @Body() body: unknown): Promise<CallRegistered> {
    const parsed = registerCallBody.safeParse(body ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
      throw new ProblemException({ type: problemTypes.validation, title: 'invalid request body', status: 400, detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
    }
    try {
      const intake = await this.calls.register(
        callId,
        { userId: principal.userId, username: principal.username, takesRequest: principal.roles.includes('HelpDeskUser'), department: principal.departments[0] },
        parsed.data.note,
      );
      return { requestId: intake.requestId, registered: intake.registered };
    } catch (error) {
      if (error instanceof UnknownCallError) throw new ProblemException({ type: problemTypes.notFound, title: 'call not found', status: 404, detail: error.message });
      throw error;
    }
  }
}
