import { createHash } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Surveys } from '@switchboard/communications';
import { isRequired, localized, SurveyResponseError } from '@switchboard/communications/domain';
import type { GivenAnswer, SurveyResponse } from '@switchboard/communications/domain';
import { z } from 'zod';
import { ProblemException, Public, ZodBody, ZodParam, bodySchema, openApiSchema, problemTypes, validationProblem } from '@switchboard/platform';
import { publicSurveyAnswer } from './survey.answers';
import { surveyAnswersBody } from './survey.bodies';
import { answersFromForm, messagePage, surveyForm } from './public-survey.page';
import type { PageMessage } from './public-survey.page';

/** The page may style itself and post its form back; nothing else (no scripts, no frames). */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

/** Lenient on purpose: a broken link is a person's mistake, answered with the page that says so (404), not a 400. */
const surveyToken = z.string().max(300).describe('The signed token of the survey link; a forged or truncated one answers 404.');

/** The page's form fields, or the JSON answers (`SurveyAnswersBody`); which one by the Content-Type, each checked inside. */
const publicSurveyBody = bodySchema(
  'PublicSurveyBody',
  z.record(z.string(), z.unknown()).describe('application/json: `SurveyAnswersBody`; application/x-www-form-urlencoded: the form of the survey page.'),
);

type Found =
  | { readonly response: SurveyResponse; readonly title: string }
  | { readonly status: 404 | 410; readonly message: PageMessage; readonly language?: SurveyResponse['language'] };

/**
 * The public survey page (ADR 0027): the link in a survey email carries a signed token naming the
 * survey; no sign-in. GET shows the form in the client's language (or, with `Accept:
 * application/json`, the questions as JSON); POST records the answers and completes the survey,
 * after which the link only thanks (single use). An expired or forged link: 410 / 404, a clear
 * page (or problem+json).
 */
@ApiTags('public surveys')
@Public()
@Controller('public/surveys')
export class PublicSurveysController {
  constructor(@Inject(Surveys) private readonly surveys: Surveys) {}

  @Get(':token')
  @ApiOperation({
    operationId: 'getPublicSurvey',
    summary: 'The survey of a signed link: an HTML form in the client’s language, or JSON with `Accept: application/json`. No sign-in.',
  })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({ status: 200, description: 'The survey.', content: { 'application/json': { schema: openApiSchema(publicSurveyAnswer, 'output') as object } } })
  @ApiResponse({ status: 404, description: 'The link is not valid (forged, truncated) or names no survey.' })
  @ApiResponse({ status: 410, description: 'The link expired, or the survey was already answered (a link is single use).' })
  async show(@ZodParam('token', surveyToken) token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const found = await this.find(token);
    if (!('response' in found)) return this.refuse(req, res, found);
    if (wantsJson(req)) {
      res.status(200).json(publicView(found.response, found.title));
      return;
    }
    this.html(res, 200, surveyForm(found.response, found.title));
  }

  @Post(':token')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'answerPublicSurvey',
    summary:
      'Answer the survey of a signed link: the page’s form (application/x-www-form-urlencoded, completes it) or JSON (`SurveyAnswersBody`; `complete: true` to submit). No sign-in.',
  })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({ status: 200, description: 'Recorded (the thanks page, or the survey as JSON).' })
  @ApiResponse({ status: 404, description: 'The link is not valid or names no survey.' })
  @ApiResponse({ status: 410, description: 'The link expired, or the survey was already completed.' })
  @ApiResponse({ status: 422, description: 'An answer does not fit its question, or a required question is unanswered on submit.' })
  async answer(
    @ZodParam('token', surveyToken) token: string,
    @ZodBody(publicSurveyBody) body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const found = await this.find(token);
    if (!('response' in found)) return this.refuse(req, res, found);
    const json = req.is('application/json') !== false && req.is('application/json') !== null;
    let answers: GivenAnswer[];
    let complete: boolean;
    if (json) {
      const parsed = surveyAnswersBody.safeParse(body);
      if (!parsed.success) {
        throw validationProblem(
          'invalid answers',
          parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
        );
      }
      answers = parsed.data.answers as GivenAnswer[];
      complete = parsed.data.complete ?? false;
    } else {
      answers = answersFromForm(found.response, body);
      complete = true;
    }
    const communicationId = found.response.communicationId;
    const digest = createHash('sha256').update(JSON.stringify({ answers, complete })).digest('base64url');
    try {
      await this.surveys.answer(communicationId, answers, 'web', 'client:web', `web-survey:${communicationId}:${digest}`, complete);
    } catch (error) {
      if (!(error instanceof SurveyResponseError)) throw error;
      if (error.rule === 'completed') return this.refuse(req, res, { status: 410, message: 'used', language: found.response.language });
      if (json) {
        throw new ProblemException({
          type: problemTypes.validation,
          title: 'invalid answers',
          status: 422,
          detail: error.message,
          rule: error.rule,
          errors: error.problems,
        });
      }
      const partial = { ...found.response };
      this.html(res, 422, surveyForm(partial, found.title, 'missing'));
      return;
    }
    const after = await this.surveys.response(communicationId);
    if (json) {
      res.status(200).json(publicView(after ?? found.response, found.title));
      return;
    }
    this.html(res, 200, messagePage('thanks', found.response.language));
  }

  private async find(token: string): Promise<Found> {
    const check = this.surveys.verifyToken(token);
    if (!check.valid) return check.reason === 'expired' ? { status: 410, message: 'expired' } : { status: 404, message: 'invalid' };
    const response = await this.surveys.response(check.communicationId);
    if (!response) return { status: 404, message: 'unknown' };
    if (response.completed) return { status: 410, message: 'used', language: response.language };
    const questionnaire = await this.surveys.questionnaire(response.questionnaireId).catch(() => undefined);
    const title = questionnaire ? localized(questionnaire.title, response.language) : response.language === 'ru' ? 'Опрос' : 'Survey';
    return { response, title };
  }

  private refuse(req: Request, res: Response, found: Exclude<Found, { response: SurveyResponse }>): void {
    if (wantsJson(req)) {
      const titles: Record<PageMessage, string> = {
        expired: 'link expired',
        used: 'survey already answered',
        invalid: 'link not valid',
        unknown: 'no such survey',
        thanks: 'thanks',
        missing: 'unanswered questions',
        submit: 'submit',
        optional: 'optional',
      };
      throw new ProblemException({
        type: found.status === 404 ? problemTypes.notFound : problemTypes.gone,
        title: titles[found.message],
        status: found.status,
        detail: messagePlain(found.message),
        rule: found.message,
      });
    }
    this.html(res, found.status, messagePage(found.message, found.language));
  }

  private html(res: Response, status: number, body: string): void {
    res.status(status).setHeader('Content-Security-Policy', PAGE_CSP).type('html').send(body);
  }
}

const wantsJson = (req: Request): boolean => req.accepts(['html', 'json']) === 'json';

function messagePlain(message: PageMessage): string {
  switch (message) {
    case 'expired':
      return 'The survey link has expired.';
    case 'used':
      return 'The survey was already answered; a link is single use.';
    case 'unknown':
      return 'The link names no survey.';
    default:
      return 'The survey link is not valid.';
  }
}

function publicView(response: SurveyResponse, title: string): object {
  const language = response.language;
  return {
    language,
    title,
    completed: response.completed,
    questions: response.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      text: localized(q.text, language),
      required: isRequired(q),
      ...(q.options ? { options: q.options.map((o) => ({ id: o.id, text: localized(o.text, language) })) } : {}),
      ...(response.answers[q.id] ? { answer: response.answers[q.id] } : {}),
    })),
  };
}
