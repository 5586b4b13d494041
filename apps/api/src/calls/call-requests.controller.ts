import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CallRegistration, UnknownCallError } from '@switchboard/channel-phone';
import { CurrentPrincipal, Roles } from '@switchboard/identity';
import { storableText } from '@switchboard/kernel';
import type { Principal } from '@switchboard/identity/domain';
import { ProblemException, problemTypes } from '@switchboard/platform';
import { validateBody } from '../http/validate-body';

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
  constructor(@Inject(CallRegistration) private readonly calls: CallRegistration) {}

  @Post(':callId/request')
  @HttpCode(200)
  @Roles('HelpDeskUser', 'HelpDeskManager')
  @ApiOperation({
    summary:
      'Register a call the caller took as a request (or a message of the caller\'s open request); a HelpDeskUser gets it assigned. The call must have been answered by the caller (the PBX\'s `agent` of the answer is their username or user id; an answer naming nobody is open to every help-desk operator).',
  })
  @ApiNotFoundResponse({ description: 'No such call, or one the caller did not take (not answered, or answered by someone else).' })
  async register(@CurrentPrincipal() principal: Principal, @Param('callId') callId: string, @Body() body: unknown): Promise<CallRegistered> {
    const { note } = validateBody(registerCallBody, body ?? {});
    // No call id holds characters PostgreSQL cannot store (the webhook drops them): there is no such call.
    if (storableText(callId) !== callId) throw callNotFound(new UnknownCallError(callId.replace(/[^\x20-\x7e]/g, '?')));
    try {
      const intake = await this.calls.register(
        callId,
        { userId: principal.userId, username: principal.username, takesRequest: principal.roles.includes('HelpDeskUser'), department: principal.departments[0] },
        note,
      );
      return { requestId: intake.requestId, registered: intake.registered };
    } catch (error) {
      if (error instanceof UnknownCallError) throw callNotFound(error);
      throw error;
    }
  }
}

function callNotFound(error: UnknownCallError): ProblemException {
  return new ProblemException({ type: problemTypes.notFound, title: 'call not found', status: 404, detail: error.message });
}
