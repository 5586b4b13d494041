import { Controller, Get, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { PG_POOL } from '@switchboard/app-runtime';
import { listCommunications } from '@switchboard/communications/infrastructure';
import { CurrentPrincipal, ForResidents } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { FileStorage, Operation, Problems, ProblemException, Public, Responds, ZodBody, ZodParam, ZodQuery, problemTypes } from '@switchboard/platform';
import { PortalAccountNotLinkedError, PortalInvitations, PortalRatings, ResidentsPortal } from '@switchboard/portal';
import type { PortalRating, Resident } from '@switchboard/portal';
import { isRequired } from '@switchboard/communications/domain';
import type { GivenAnswer } from '@switchboard/communications/domain';
import { checkPortalFile } from '@switchboard/portal/domain';
import { RequestQueries } from '@switchboard/read-models';
import { checkInRefusal } from '@switchboard/security-desk/domain';
import { passesOfUnits } from '@switchboard/security-desk/infrastructure';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId, minPosition } from '../http/inputs';
import { answering, notFound } from '../http/list-query';
import { passAnswer, passListAnswer } from '../security-desk/pass.answers';
import {
  accountLinkAnswer,
  invitationPreviewAnswer,
  portalFileAnswer,
  portalMeAnswer,
  portalNoticeListAnswer,
  portalRequestAnswer,
  portalRatingAnswer,
  portalRequestPageAnswer,
  portalSubmittedAnswer,
} from './portal.answers';
import {
  acceptInvitationBody,
  claimByEmailBody,
  portalFileBody,
  portalMessageBody,
  portalPassBody,
  portalRatingBody,
  portalRequestBody,
} from './portal.bodies';
import { PortalProblemsInterceptor } from './portal-problems.interceptor';
import { passFacts } from '../security-desk/pass.view';

type HeaderBag = Record<string, string | string[] | undefined>;

const KEY = {
  name: 'Idempotency-Key',
  required: true,
  description: 'Client-generated per submission; sending it again (a retry after a lost answer) stores nothing twice.',
};
/** Communications a resident sees as building notices. */
const NOTICE_TYPES = new Set(['mass', 'informational']);

const listParams = z.object({ cursor: z.string().max(500).optional(), minPosition: minPosition.optional() });
const readParams = z.object({ minPosition: minPosition.optional() });
const previewParams = z.object({ token: z.string().min(1).max(2000) });

/**
 * The residents' portal (ADR 0030): a resident's own requests, passes and notices. Anything not
 * theirs is "not found" (404); the operators' routes answer residents 403.
 */
@ApiTags('portal')
@ApiBearerAuth()
@ForResidents()
@Problems(400, 401, 403, 503)
@UseInterceptors(PortalProblemsInterceptor)
@Controller('portal')
export class PortalController {
  constructor(
    @Inject(ResidentsPortal) private readonly portal: ResidentsPortal,
    @Inject(PortalInvitations) private readonly invitations: PortalInvitations,
    @Inject(PortalRatings) private readonly ratings: PortalRatings,
    @Inject(RequestQueries) private readonly requests: RequestQueries,
    @Inject(FileStorage) private readonly files: FileStorage,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get('me')
  @Operation('getPortalMe', 'The resident: the client their account is linked to and their units.')
  @Responds(200, portalMeAnswer, 'The resident.')
  async me(@CurrentPrincipal() principal: Principal): Promise<z.output<typeof portalMeAnswer>> {
    try {
      const resident = await this.portal.resident(principal);
      return {
        linked: true,
        client: { id: resident.client.id, name: resident.client.name },
        units: await this.portal.unitsOf(resident),
        ratingAvailable: true,
      };
    } catch (error) {
      if (error instanceof PortalAccountNotLinkedError) return { linked: false, units: [], ratingAvailable: false };
      throw error;
    }
  }

  @Get('invitations/preview')
  @Public()
  @Operation('previewInvitation', 'Whom an invitation token invites, before signing in (it is not used up).')
  @Responds(200, invitationPreviewAnswer, 'The invitation.')
  @Problems(422)
  preview(@ZodQuery(previewParams) query: z.output<typeof previewParams>): Promise<z.output<typeof invitationPreviewAnswer>> {
    return this.invitations.preview(query.token);
  }

  @Post('account/accept-invitation')
  @HttpCode(200)
  @Operation('acceptInvitation', 'Link the signed-in account to the client who was invited (the token works once).')
  @Responds(200, accountLinkAnswer, 'Linked.')
  @Problems(422)
  accept(@CurrentPrincipal() principal: Principal, @ZodBody(acceptInvitationBody) input: z.output<typeof acceptInvitationBody>): Promise<{ clientId: string }> {
    return this.invitations.accept(input.token, principal.userId);
  }

  @Post('account/claim-by-email')
  @HttpCode(200)
  @Operation('claimByVerifiedEmail', 'A self-registered account: link it to the one client whose email on file is the account’s verified email.')
  @Responds(200, accountLinkAnswer, 'Linked.')
  @Problems(422)
  claim(@CurrentPrincipal() principal: Principal, @ZodBody(claimByEmailBody) _input: z.output<typeof claimByEmailBody>): Promise<{ clientId: string }> {
    return this.invitations.claimByVerifiedEmail(principal.userId, principal.email, principal.emailVerified === true);
  }

  @Post('files')
  @HttpCode(201)
  @Operation('uploadPortalFile', 'Upload a photo or PDF (≤ 10 MiB: jpeg, png, webp, heic, pdf), then name it in a request or message.')
  @Responds(201, portalFileAnswer, 'Stored.')
  @Problems(413, 415, 422)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(portalFileBody) input: z.output<typeof portalFileBody>,
  ): Promise<z.output<typeof portalFileAnswer>> {
    await this.portal.resident(principal);
    const content = Buffer.from(input.data, 'base64');
    const refusal = checkPortalFile(input.contentType, content);
    if (refusal) {
      const status = refusal.rule === 'file-too-large' ? 413 : refusal.rule === 'file-type-not-allowed' ? 415 : 422;
      const type = status === 413 ? problemTypes.payloadTooLarge : status === 415 ? problemTypes.unsupportedMediaType : problemTypes.validation;
      throw new ProblemException({ type, title: 'file not accepted', status, detail: refusal.detail, rule: refusal.rule });
    }
    const stored = await this.files.put(content, { contentType: input.contentType, owner: principal.userId, ...(input.name ? { name: input.name } : {}) });
    return { fileId: stored.fileId, size: stored.size, contentType: input.contentType };
  }

  @Get('requests')
  @Operation('listPortalRequests', 'Your requests, newest activity first.')
  @Responds(200, portalRequestPageAnswer, 'A page of your requests.')
  async list(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(listParams) query: z.output<typeof listParams>,
  ): Promise<z.output<typeof portalRequestPageAnswer>> {
    const resident = await this.portal.resident(principal);
    const page = await answering(() => this.requests.list(asResident(resident), { minPosition: query.minPosition, limit: 50 }, query.cursor));
    return {
      items: page.items.map((r) => ({ id: r.id, subject: r.subject, status: r.state, createdAt: r.createdAt, updatedAt: r.updatedAt })),
      nextCursor: page.nextCursor,
    };
  }

  @Post('requests')
  @HttpCode(201)
  @ApiHeader(KEY)
  @Operation('submitPortalRequest', 'A new request for one of your units, with text and photos; the same Idempotency-Key again stores nothing twice.')
  @Responds(201, portalSubmittedAnswer, 'Stored (or found stored before).')
  @Problems(404, 422)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(portalRequestBody) input: z.output<typeof portalRequestBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<z.output<typeof portalSubmittedAnswer>> {
    const envelope = commandEnvelopeFrom(headers, { action: 'submitPortalRequest', input });
    const resident = await this.portal.resident(principal);
    const result = await this.portal.submit(resident, { unitId: input.unitId, text: input.text, fileIds: input.fileIds }, envelope.commandId);
    res.setHeader('Location', `/portal/requests/${result.requestId}`);
    return { requestId: result.requestId, duplicate: result.duplicate, position: result.position };
  }

  @Get('requests/:id')
  @Operation('getPortalRequest', 'One of your requests with its conversation.')
  @Responds(200, portalRequestAnswer, 'The request.')
  @Problems(404)
  async byId(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @ZodQuery(readParams) query: z.output<typeof readParams>,
  ): Promise<z.output<typeof portalRequestAnswer>> {
    const resident = await this.portal.resident(principal);
    const request = await answering(() => this.requests.byId(asResident(resident), id, { minPosition: query.minPosition }));
    if (!request) throw notFound('request', id);
    return {
      id: request.id,
      subject: request.subject,
      status: request.state,
      createdAt: request.createdAt,
      updatedAt: request.updatedAt,
      conversation: request.conversation.map((m) => ({
        kind: m.kind,
        messageId: m.messageId,
        text: m.text,
        attachments: m.attachments.map((a) => ({ kind: a.kind, fileId: a.fileId, ...(a.name ? { name: a.name } : {}) })),
        byName: m.kind === 'inbound' ? resident.client.name : m.byName,
        at: m.at,
      })),
    };
  }

  @Post('requests/:id/messages')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('replyInPortalRequest', 'Write in one of your requests (text and files).')
  @Responds(200, portalSubmittedAnswer, 'Stored.')
  @Problems(404, 409, 422)
  async reply(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(portalMessageBody) input: z.output<typeof portalMessageBody>,
  ): Promise<z.output<typeof portalSubmittedAnswer>> {
    const envelope = commandEnvelopeFrom(headers, { action: `portalMessage:${id}`, input });
    const resident = await this.portal.resident(principal);
    const result = await this.portal.reply(resident, id, input.text, input.fileIds, envelope);
    return { requestId: id, duplicate: !result.appended, position: result.position };
  }

  @Get('requests/:id/rating')
  @Operation('getPortalRating', 'Whether one of your requests can be rated now, with the questions of its survey and your answers so far.')
  @Responds(200, portalRatingAnswer, 'The rating.')
  @Problems(404)
  async rating(@CurrentPrincipal() principal: Principal, @ZodParam('id', entityId) id: string): Promise<z.output<typeof portalRatingAnswer>> {
    const resident = await this.portal.resident(principal);
    return ratingView(await this.ratings.ratingOf(resident, id));
  }

  @Post('requests/:id/rating')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation(
    'ratePortalRequest',
    'Rate a closed request: answer its CSAT survey (the one the closure sent by SMS, Telegram or email — whichever answers first counts, once). The same answers again record nothing; other answers replace them until the rating is sent (complete), then 409.',
  )
  @Responds(200, portalRatingAnswer, 'Recorded (or nothing new).')
  @Problems(404, 409, 422)
  async rate(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(portalRatingBody) input: z.output<typeof portalRatingBody>,
  ): Promise<z.output<typeof portalRatingAnswer>> {
    const envelope = commandEnvelopeFrom(headers, { action: `portalRating:${id}`, input });
    const resident = await this.portal.resident(principal);
    const rated = await this.ratings.rate(
      resident,
      id,
      input.answers as GivenAnswer[],
      input.complete ?? true,
      `portal-rating:${resident.principal.userId}:${envelope.commandId}`,
    );
    return { ...ratingView({ requestId: id, available: true, survey: rated.survey }), duplicate: !rated.appended };
  }

  @Get('passes')
  @Operation('listPortalPasses', 'The visitor passes ordered for your units.')
  @Responds(200, passListAnswer, 'Your units’ passes.')
  async passes(@CurrentPrincipal() principal: Principal): Promise<object> {
    const resident = await this.portal.resident(principal);
    const units = await this.portal.unitsOf(resident);
    const items = await passesOfUnits(this.pool, { units, now: new Date() });
    return { items: items.map((p) => ({ ...p, allowedActions: [] })) };
  }

  @Post('passes')
  @HttpCode(201)
  @ApiHeader(KEY)
  @Operation('orderPortalPass', 'Order a visitor pass for one of your units.')
  @Responds(201, passAnswer, 'The pass.')
  @Problems(404, 422)
  async orderPass(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(portalPassBody) input: z.output<typeof portalPassBody>,
  ): Promise<object> {
    const envelope = commandEnvelopeFrom(headers, { action: 'orderPortalPass', input });
    const resident = await this.portal.resident(principal);
    const pass = await this.portal.orderPass(
      resident,
      {
        unitId: input.unitId,
        kind: input.kind,
        ...(input.visitorName ? { visitorName: input.visitorName } : {}),
        ...(input.plate ? { plate: input.plate } : {}),
        validFrom: new Date(input.validFrom),
        validUntil: new Date(input.validUntil),
        ...(input.note ? { note: input.note } : {}),
      },
      envelope,
    );
    const refusal = checkInRefusal(pass, new Date());
    return {
      ...passFacts(pass),
      overstay: false,
      ...(refusal ? { refusal } : {}),
      allowedActions: [],
      revision: pass.revision,
    };
  }

  @Get('notices')
  @Operation('listPortalNotices', 'Building notices sent to you (planned shut-offs, lift repairs): mass and informational communications.')
  @Responds(200, portalNoticeListAnswer, 'Newest first.')
  async notices(@CurrentPrincipal() principal: Principal): Promise<z.output<typeof portalNoticeListAnswer>> {
    const resident = await this.portal.resident(principal);
    const rows = await listCommunications(this.pool, { clientId: resident.client.id, limit: 100 });
    return {
      items: rows
        .filter((c) => NOTICE_TYPES.has(c.communicationType) && c.status !== 'CANCELLED')
        .map((c) => ({ id: c.id, communicationType: c.communicationType, text: c.text, requestedAt: c.requestedAt })),
    };
  }
}

/** The resident as the read models' visibility knows them: their client's requests, read-only. */
const asResident = (resident: Resident): Principal => ({ ...resident.principal, residentOf: resident.client.id });

/** A rating as the portal's screen needs it: both languages of every question (the screen picks its own). */
function ratingView(rating: PortalRating): z.output<typeof portalRatingAnswer> {
  if (!rating.available) return { requestId: rating.requestId, available: false, reason: rating.reason };
  const { survey } = rating;
  return {
    requestId: rating.requestId,
    available: true,
    survey: {
      communicationId: survey.communicationId,
      language: survey.language,
      questions: survey.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        text: q.text,
        required: isRequired(q),
        ...(q.options ? { options: q.options.map((o) => ({ id: o.id, text: o.text })) } : {}),
      })),
      answers: survey.answers,
      completed: survey.completed,
    },
  };
}
