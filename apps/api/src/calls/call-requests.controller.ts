import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CallRegistration, UnknownCallError } from '@switchboard/channel-phone';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import { storableText } from '@switchboard/kernel';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, ProblemException, Problems, Responds, ZodBody, ZodParam, answerSchema, bodySchema, problemTypes } from '@switchboard/platform';

const registerCallBody = bodySchema(
  'RegisterCallBody',
  z.object({ note: z.string().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10000 characters').optional() }).strict(),
);
const callId = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').describe("The PBX's call id.");
const callRegisteredAnswer = answerSchema(
  'CallRegistered',
  z.object({
    requestId: z.uuid(),
    registered: z.boolean(),
    position: z.string().nullable().describe('Global position of the registration; pass it as `minPosition` to read the request.'),
  }),
);

export interface CallRegistered {
  readonly requestId: string;
  /** False when the call joined the caller's open request, or was a request already. */
  readonly registered: boolean;
  readonly position: string | null;
}

/** An operator makes a call they took into a request (the call id keeps it to one). */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallRequestsController {
  constructor(@Inject(CallRegistration) private readonly calls: CallRegistration) {}

  @Post(':callId/request')
  @HttpCode(200)
  @Permits('request.take:department')
  @Operation(
    'registerCall',
    "Register a call the caller took as a request (or a message of the caller's open request); a HelpDeskUser gets it assigned. The call must have been answered by the caller (the PBX's `agent` of the answer is their username or user id; an answer naming nobody is open to every help-desk operator). 404: no such call, or one the caller did not take.",
  )
  @Responds(200, callRegisteredAnswer, 'The request the call is in.')
  @Problems(400, 401, 403, 404, 413)
  async register(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('callId', callId) callId: string,
    @ZodBody(registerCallBody) body: z.output<typeof registerCallBody>,
  ): Promise<CallRegistered> {
    const { note } = body;
    // No call id holds characters PostgreSQL cannot store (the webhook drops them): there is no such call.
    if (storableText(callId) !== callId) throw callNotFound(new UnknownCallError(callId.replace(/[^\x20-\x7e]/g, '?')));
    try {
      const intake = await this.calls.register(
        callId,
        {
          userId: principal.userId,
          username: principal.username,
          takesRequest: holds(principal, 'request.work:own'),
          department: principal.departments[0],
        },
        note,
      );
      return { requestId: intake.requestId, registered: intake.registered, position: intake.position };
    } catch (error) {
      if (error instanceof UnknownCallError) throw callNotFound(error);
      throw error;
    }
  }
}

function callNotFound(error: UnknownCallError): ProblemException {
  return new ProblemException({ type: problemTypes.notFound, title: 'call not found', status: 404, detail: error.message });
}
