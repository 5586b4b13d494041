import { Controller, Get, Headers, HttpCode, Inject, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { communicationsAccess, demand, Surveys } from '@switchboard/communications';
import type { SurveyResultsFilter } from '@switchboard/communications';
import { CurrentPrincipal } from '@switchboard/identity';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, ProblemException, Problems, Responds, ZodBody, ZodParam, ZodQuery, problemTypes, validationProblem } from '@switchboard/platform';
import { commandEnvelopeFrom, expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { entityId, isoDate, positiveInt, text } from '../http/inputs';
import {
  questionnaireAnswer,
  questionnaireListAnswer,
  surveyFreeTextAnswer,
  surveyResponseAnswer,
  surveyResponseListAnswer,
  surveyResultsAnswer,
  surveySentAnswer,
  surveySettingAnswer,
  surveySettingListAnswer,
} from './survey.answers';
import { questionnaireCreateBody, questionnaireStatusBody, questionnaireUpdateBody, surveySendBody, surveySettingBody } from './survey.bodies';
import { CommunicationsProblemsInterceptor } from './communications-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;

const KEY = { name: 'Idempotency-Key', required: true, description: 'Client-generated; resubmitting answers the same survey.' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'The version the editor saw, as in the ETag; a stale one answers 409.' };
const questionnaireId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,49}$/, 'must be a questionnaire id');
const departmentParam = text(100);
const resultsQuery = z.object({
  department: text(100).optional().describe('Only surveys sent from this department.'),
  serviceCode: positiveInt.optional().describe('Only surveys about requests on this service (catalogue code).'),
  from: isoDate.optional().describe('Sent at or after this time.'),
  to: isoDate.optional().describe('Sent before this time.'),
});
const freeTextQuery = resultsQuery.extend({
  questionId: z.string().max(32).optional().describe('Only this question’s answers.'),
  limit: positiveInt.max(200, 'must be at most 200').optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const requestResponsesQuery = z.object({ requestId: z.string().uuid().describe('The request the surveys were about.') });

const etag = <T extends { version: number }>(res: Response, value: T): T => {
  res.setHeader('ETag', `"${value.version}"`);
  return value;
};
const change = (principal: Principal) => ({ by: principal.username, at: new Date() });
const ADMIN_ONLY = 'only CommunicationsAdmin changes questionnaires';

/**
 * Surveys [Опрос] (ADR 0027): questionnaires are CommunicationsAdmin's reference data (every edit a
 * new version); a survey is sent by whoever may send the department's communications; a
 * department's automatic CSAT after closure is set by CommunicationsAdmin or its managers; results
 * are read by CommunicationsAdmin (every department) and HelpDeskManagers (their departments).
 */
@ApiTags('surveys')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(CommunicationsProblemsInterceptor)
@Controller()
export class SurveysController {
  constructor(@Inject(Surveys) private readonly surveys: Surveys) {}

  @Get('surveys/questionnaires')
  @Operation('listQuestionnaires', 'The questionnaires [Анкета], current versions (the seeded `csat` among them).')
  @Responds(200, questionnaireListAnswer, 'The questionnaires.')
  async list(): Promise<object> {
    return { items: await this.surveys.questionnaires() };
  }

  @Post('surveys/questionnaires')
  @HttpCode(201)
  @Operation('createQuestionnaire', 'A new questionnaire: rating 1–5, NPS 0–10, single and multiple choice, free text; ru and en texts (CommunicationsAdmin).')
  @Responds(201, questionnaireAnswer, 'Created as version 1; the ETag is its version.')
  @Problems(409, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(questionnaireCreateBody) input: z.output<typeof questionnaireCreateBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.administersReferenceData(principal), ADMIN_ONLY);
    const { id, ...draft } = input;
    const created = await this.surveys.createQuestionnaire(id, draft, change(principal));
    res.setHeader('Location', `/surveys/questionnaires/${id}`);
    return etag(res, created);
  }

  @Get('surveys/questionnaires/:id')
  @Operation('getQuestionnaire', 'One questionnaire, current version.')
  @Responds(200, questionnaireAnswer, 'The questionnaire; the ETag is its version.')
  @Problems(404)
  async one(@ZodParam('id', questionnaireId) id: string, @Res({ passthrough: true }) res: Response): Promise<object> {
    return etag(res, await this.surveys.questionnaire(id));
  }

  @Put('surveys/questionnaires/:id')
  @ApiHeader(IF_MATCH)
  @Operation('updateQuestionnaire', 'Edit a questionnaire: a new version; surveys already sent keep theirs (CommunicationsAdmin).')
  @Responds(200, questionnaireAnswer, 'The new version.')
  @Problems(404, 409, 422)
  async update(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', questionnaireId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(questionnaireUpdateBody) input: z.output<typeof questionnaireUpdateBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.administersReferenceData(principal), ADMIN_ONLY);
    return etag(res, await this.surveys.updateQuestionnaire(id, input, expectedRevisionFrom(headers), change(principal)));
  }

  @Post('surveys/questionnaires/:id/status')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @Operation(
    'setQuestionnaireStatus',
    'Block a questionnaire (no new survey uses it; answers to those sent still count) or activate it again (CommunicationsAdmin).',
  )
  @Responds(200, questionnaireAnswer, 'The questionnaire.')
  @Problems(404, 409)
  async status(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', questionnaireId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(questionnaireStatusBody) input: z.output<typeof questionnaireStatusBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.administersReferenceData(principal), ADMIN_ONLY);
    return etag(res, await this.surveys.setQuestionnaireStatus(id, input.status, expectedRevisionFrom(headers), change(principal)));
  }

  @Post('surveys')
  @HttpCode(202)
  @ApiHeader(KEY)
  @Operation(
    'sendSurvey',
    'Send a questionnaire to a client, or to a request’s client: a communication of type survey through the sending point (Telegram buttons, SMS digits, an email link to the public page).',
  )
  @Responds(202, surveySentAnswer, 'Requested; the sending point dispatches it.')
  @Problems(404, 422)
  async send(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(surveySendBody) input: z.output<typeof surveySendBody>,
  ): Promise<object> {
    const envelope = commandEnvelopeFrom(headers, { action: 'sendSurvey', input });
    const request = input.requestId ? await this.surveys.requestSubject(input.requestId) : undefined;
    if (input.requestId && !request) throw validationProblem('invalid survey', [{ field: 'requestId', message: 'no such request' }]);
    const clientId = input.clientId ?? request?.clientId;
    const department = input.department ?? request?.department;
    if (!clientId) throw validationProblem('invalid survey', [{ field: 'clientId', message: 'the request has no client; give clientId' }]);
    if (!department) throw validationProblem('invalid survey', [{ field: 'department', message: 'required (the request has no department)' }]);
    const type = input.communicationType ?? 'survey';
    demand(communicationsAccess.maySend(principal, department, type), `you may not send ${type} communications from ${department}`);
    const result = await this.surveys.send(
      {
        questionnaireId: input.questionnaireId,
        department,
        clientId,
        ...(input.requestId ? { requestId: input.requestId } : {}),
        ...(request?.serviceCode !== undefined ? { serviceCode: request.serviceCode } : {}),
        communicationType: type,
        ...(input.channel ? { channel: input.channel } : {}),
        ...(input.sendAt ? { sendAt: new Date(input.sendAt) } : {}),
        by: principal.username,
      },
      envelope,
    );
    return { communicationId: result.communicationId, appended: result.appended };
  }

  @Get('surveys/settings')
  @Operation('listSurveySettings', 'Every department’s automatic CSAT setting that was ever set (a department not listed has CSAT off).')
  @Responds(200, surveySettingListAnswer, 'The settings.')
  async settings(): Promise<object> {
    return { items: await this.surveys.settings() };
  }

  @Get('departments/:department/survey-setting')
  @Operation('getSurveySetting', 'A department’s automatic CSAT survey after a request closes: on or off, and the questionnaire.')
  @Responds(200, surveySettingAnswer, 'The setting; the ETag is its version.')
  async setting(@ZodParam('department', departmentParam) department: string, @Res({ passthrough: true }) res: Response): Promise<object> {
    return etag(res, await this.surveys.setting(department));
  }

  @Put('departments/:department/survey-setting')
  @ApiHeader(IF_MATCH)
  @Operation(
    'setSurveySetting',
    'Switch a department’s CSAT survey after closure on or off and choose its questionnaire (CommunicationsAdmin or the department’s managers).',
  )
  @Responds(200, surveySettingAnswer, 'The setting as changed.')
  @Problems(404, 409)
  async setSetting(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('department', departmentParam) department: string,
    @Headers() headers: HeaderBag,
    @ZodBody(surveySettingBody) input: z.output<typeof surveySettingBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    demand(communicationsAccess.managesDepartment(principal, department), `you may not change the survey setting of ${department}`);
    return etag(res, await this.surveys.setSetting(department, input, expectedRevisionFrom(headers), change(principal)));
  }

  @Get('surveys/questionnaires/:id/results')
  @Operation(
    'getSurveyResults',
    'A questionnaire’s results: sent, answered, response rate; per question the distribution, the average, NPS and CSAT (CommunicationsAdmin; HelpDeskManagers see their departments).',
  )
  @Responds(200, surveyResultsAnswer, 'The results.')
  @Problems(404)
  async results(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', questionnaireId) id: string,
    @ZodQuery(resultsQuery) query: z.output<typeof resultsQuery>,
  ): Promise<object> {
    return this.surveys.results(id, this.filterFor(principal, query));
  }

  @Get('surveys/questionnaires/:id/free-text')
  @Operation('listSurveyFreeText', 'A questionnaire’s free-text answers, newest first, a page at a time (same access and filters as the results).')
  @Responds(200, surveyFreeTextAnswer, 'A page of answers.')
  @Problems(404)
  async freeText(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', questionnaireId) id: string,
    @ZodQuery(freeTextQuery) query: z.output<typeof freeTextQuery>,
  ): Promise<object> {
    await this.surveys.questionnaire(id);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const items = await this.surveys.freeText(
      id,
      { ...this.filterFor(principal, query), ...(query.questionId ? { questionId: query.questionId } : {}) },
      { limit: limit + 1, offset },
    );
    return { items: items.slice(0, limit), ...(items.length > limit ? { nextOffset: offset + limit } : {}) };
  }

  @Get('surveys/responses')
  @Operation(
    'listRequestSurveyResponses',
    'The surveys about a request (the CSAT after its closure among them) with their answers, newest first (same access as the results: the caller’s departments).',
  )
  @Responds(200, surveyResponseListAnswer, 'The surveys and their answers; none when the request was never surveyed.')
  async requestResponses(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(requestResponsesQuery) query: z.output<typeof requestResponsesQuery>,
  ): Promise<object> {
    const departments = this.readableDepartments(principal);
    const responses = await this.surveys.responsesOfRequest(query.requestId.toLowerCase());
    return { items: responses.filter((r) => !departments || departments.includes(r.department)).map(({ exists: _, ...view }) => view) };
  }

  @Get('surveys/responses/:communicationId')
  @Operation('getSurveyResponse', 'One survey’s answers so far (the survey communication’s id; same access as the results).')
  @Responds(200, surveyResponseAnswer, 'The survey and its answers.')
  @Problems(404)
  async response(@CurrentPrincipal() principal: Principal, @ZodParam('communicationId', entityId) communicationId: string): Promise<object> {
    const response = await this.surveys.response(communicationId);
    const departments = this.readableDepartments(principal);
    if (!response || (departments && !departments.includes(response.department))) {
      throw new ProblemException({ type: problemTypes.notFound, title: 'not found', status: 404, detail: `No survey ${communicationId}.` });
    }
    const { exists: _, ...view } = response;
    return view;
  }

  /** CommunicationsAdmin reads every department; a HelpDeskManager their own; anyone else: 403. */
  private readableDepartments(principal: Principal): readonly string[] | undefined {
    if (communicationsAccess.administersReferenceData(principal)) return undefined;
    demand(holds(principal, 'communications.manage:department'), 'only CommunicationsAdmin and HelpDeskManagers read survey results');
    return principal.departments;
  }

  private filterFor(principal: Principal, query: z.output<typeof resultsQuery>): SurveyResultsFilter {
    const departments = this.readableDepartments(principal);
    return {
      ...(query.department ? { department: query.department } : {}),
      ...(departments ? { departments } : {}),
      ...(query.serviceCode !== undefined ? { serviceCode: query.serviceCode } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    };
  }
}
