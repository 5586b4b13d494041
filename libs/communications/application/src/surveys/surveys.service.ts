import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid, EventSourcedRepository } from '@switchboard/eventstore';
import type { CommandEnvelope, CommandResult, EventStore } from '@switchboard/eventstore';
import {
  averageScore,
  csatScore,
  localized,
  nextQuestion,
  npsScore,
  questionnaireProblems,
  responseRate,
  smsQuestionText,
  surveyResponseDecider,
  surveyResponseStreamId,
  telegramQuestion,
} from '@switchboard/communications/domain';
import type {
  ChannelMessage,
  CommunicationChannel,
  CommunicationMessage,
  GivenAnswer,
  Question,
  Questionnaire,
  QuestionnaireDraft,
  ReferenceStatus,
  SurveyAnswerChannel,
  SurveyLanguage,
  SurveyResponse,
  SurveyResponseCommand,
  SurveyResponseEvent,
  SurveyResponseState,
} from '@switchboard/communications/domain';
import { Communications } from '../communications.service';
import { COMMUNICATIONS_EVENT_STORE } from '../communications.tokens';
import { CHANNEL_SENDERS } from '../ports/channel-sender.port';
import type { ChannelSender } from '../ports/channel-sender.port';
import type { PolicyChange } from '../policies/communication-policies.port';
import { SURVEY_STORE } from './survey-store.port';
import type { FreeTextAnswer, StoredQuestionnaire, SurveyDepartmentSetting, SurveyResultsFilter, SurveyStore } from './survey-store.port';
import { signSurveyToken, verifySurveyToken } from './survey-tokens';
import type { SurveyTokenCheck } from './survey-tokens';

/** Where the public survey page is and how its links are signed. */
export interface SurveyOptions {
  /** The API's public address the email's link points to, e.g. https://switchboard.example.com (no trailing slash). */
  readonly publicBaseUrl: string;
  /** HMAC secret of the page's tokens. */
  readonly tokenSecret: string;
  /** How long a link is valid. */
  readonly tokenTtlMs: number;
}

export const SURVEY_OPTIONS = Symbol('SurveyOptions');
/** A request is surveyed once per closure: a few at most; the card shows the latest. */
const REQUEST_SURVEYS_MAX = 20;

export class QuestionnaireNotFoundError extends Error {
  constructor(readonly questionnaireId: string) {
    super(`No questionnaire ${questionnaireId}.`);
    this.name = 'QuestionnaireNotFoundError';
  }
}

/** A questionnaire or survey that breaks a rule: `invalid` (the problems name the fields), `blocked`, `taken` (the id exists). */
export class SurveyRuleError extends Error {
  constructor(
    readonly rule: 'invalid' | 'blocked' | 'taken',
    message: string,
    readonly problems: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'SurveyRuleError';
  }
}

export interface SurveySendRequest {
  readonly questionnaireId: string;
  readonly department: string;
  readonly clientId: string;
  /** The request the survey is about (CSAT after closure): answers are linked to it. */
  readonly requestId?: string;
  readonly serviceCode?: number;
  /** Absent: the client's language from their availability. */
  readonly language?: SurveyLanguage;
  /** `survey` (default) or `commercial-survey` (marketing: an opt-out silences it). */
  readonly communicationType?: 'survey' | 'commercial-survey';
  readonly channel?: CommunicationChannel;
  readonly address?: string;
  readonly sendAt?: Date;
  readonly by: string;
}

/** What an answer did, and what to ask next on the channel it came by. */
export interface SurveyAnswerOutcome {
  readonly appended: boolean;
  readonly response: SurveyResponse;
  readonly next?: { readonly index: number; readonly question: Question };
}

export interface QuestionResult {
  readonly questionId: string;
  readonly kind: Question['kind'];
  readonly text: Question['text'];
  readonly answered: number;
  /** Every possible value (1–5, 0–10, each option id) with its count, zeros included. */
  readonly distribution: readonly { readonly value: string; readonly label?: Question['text']; readonly count: number }[];
  readonly average?: number;
  readonly nps?: number;
  readonly csat?: number;
}

export interface SurveyResults {
  readonly questionnaireId: string;
  readonly sent: number;
  readonly answered: number;
  readonly completed: number;
  readonly responseRate: number;
  readonly questions: readonly QuestionResult[];
}

/**
 * Surveys [Опрос] (ADR 0027): a questionnaire sent to a client as a communication of type
 * `survey` through the one sending point, rendered for every channel up front (Telegram buttons,
 * an SMS with numbered options, an email with a signed link to the public page); the client's
 * answers are events of the survey's response stream, whichever channel they come by.
 */
@Injectable()
export class Surveys {
  private readonly repository: EventSourcedRepository<SurveyResponseCommand, SurveyResponseEvent, SurveyResponseState>;

  constructor(
    @Inject(COMMUNICATIONS_EVENT_STORE) private readonly store: EventStore,
    @Inject(SURVEY_STORE) private readonly surveys: SurveyStore,
    @Inject(Communications) private readonly communications: Communications,
    @Inject(CHANNEL_SENDERS) private readonly senders: readonly ChannelSender[],
    @Inject(SURVEY_OPTIONS) private readonly options: SurveyOptions,
  ) {
    this.repository = new EventSourcedRepository(store, surveyResponseDecider);
  }

  questionnaires(): Promise<StoredQuestionnaire[]> {
    return this.surveys.questionnaires();
  }

  async questionnaire(id: string): Promise<StoredQuestionnaire> {
    const found = await this.surveys.questionnaire(id);
    if (!found) throw new QuestionnaireNotFoundError(id);
    return found;
  }

  async createQuestionnaire(id: string, draft: QuestionnaireDraft, change: PolicyChange): Promise<StoredQuestionnaire> {
    this.check(draft);
    const created = await this.surveys.createQuestionnaire(id, { ...draft, name: draft.name.trim() }, change);
    if (!created) throw new SurveyRuleError('taken', `A questionnaire ${id} exists already.`, [{ field: 'id', message: 'taken' }]);
    return created;
  }

  /** A new version: surveys already sent keep theirs. */
  async updateQuestionnaire(id: string, draft: QuestionnaireDraft, expected: number | undefined, change: PolicyChange): Promise<StoredQuestionnaire> {
    this.check(draft);
    return this.surveys.updateQuestionnaire(id, { ...draft, name: draft.name.trim() }, expected, change);
  }

  setQuestionnaireStatus(id: string, status: ReferenceStatus, expected: number | undefined, change: PolicyChange): Promise<StoredQuestionnaire> {
    return this.surveys.setQuestionnaireStatus(id, status, expected, change);
  }

  settings(): Promise<SurveyDepartmentSetting[]> {
    return this.surveys.settings();
  }

  setting(department: string): Promise<SurveyDepartmentSetting> {
    return this.surveys.setting(department);
  }

  async setSetting(
    department: string,
    setting: { csatEnabled: boolean; questionnaireId: string },
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<SurveyDepartmentSetting> {
    await this.questionnaire(setting.questionnaireId);
    return this.surveys.setSetting(department, setting, expected, change);
  }

  /**
   * Sends a survey: opens its response with the questionnaire's current version, then requests the
   * communication. Both ids derive from the command id, so a resubmission (or a replayed process
   * manager) finds the same survey and the same communication and appends nothing.
   */
  async send(request: SurveySendRequest, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult & { communicationId: string }> {
    const questionnaire = await this.questionnaire(request.questionnaireId);
    if (questionnaire.status !== 'active') throw new SurveyRuleError('blocked', `The questionnaire ${questionnaire.id} is blocked.`);
    const communicationId = deterministicUuid(`communication:${envelope.commandId}`);
    const language = request.language ?? (await this.surveys.languageOf(request.clientId));
    await this.repository.handle(
      surveyResponseStreamId(communicationId),
      {
        type: 'OpenSurvey',
        communicationId,
        questions: questionnaire.questions,
        subject: {
          questionnaireId: questionnaire.id,
          questionnaireVersion: questionnaire.version,
          clientId: request.clientId,
          department: request.department,
          language,
          ...(request.requestId ? { requestId: request.requestId } : {}),
          ...(request.serviceCode !== undefined ? { serviceCode: request.serviceCode } : {}),
        },
        by: request.by,
        now,
      },
      { commandId: `survey-open:${communicationId}`, origin: envelope.origin, ...(envelope.correlationId ? { correlationId: envelope.correlationId } : {}) },
    );
    const message = this.render(communicationId, questionnaire, language, now);
    return this.communications.request(
      {
        department: request.department,
        clientId: request.clientId,
        communicationType: request.communicationType ?? 'survey',
        message,
        origin: { kind: 'survey', id: communicationId },
        ...(request.channel ? { channel: request.channel } : {}),
        ...(request.address ? { address: request.address } : {}),
        ...(request.sendAt ? { sendAt: request.sendAt } : {}),
        by: request.by,
      },
      envelope,
      now,
    );
  }

  /**
   * CSAT after a request closes: the department's questionnaire when its setting is on (and the
   * questionnaire active); nothing otherwise. The caller's command id names the closure.
   */
  async afterClosure(
    closure: { requestId: string; department: string; clientId: string; channel?: CommunicationChannel; address?: string; by: string },
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<{ communicationId: string } | undefined> {
    const setting = await this.surveys.setting(closure.department);
    if (!setting.csatEnabled) return undefined;
    const questionnaire = await this.surveys.questionnaire(setting.questionnaireId);
    if (!questionnaire || questionnaire.status !== 'active') return undefined;
    const serviceCode = await this.surveys.serviceOfRequest(closure.requestId);
    return this.send(
      {
        questionnaireId: questionnaire.id,
        department: closure.department,
        clientId: closure.clientId,
        requestId: closure.requestId,
        ...(serviceCode !== undefined ? { serviceCode } : {}),
        ...(closure.channel ? { channel: closure.channel, address: closure.address } : {}),
        by: closure.by,
      },
      envelope,
      now,
    );
  }

  /** A request's client, department and service, to survey the request's client. */
  requestSubject(requestId: string): Promise<{ clientId?: string; department?: string; serviceCode?: number } | undefined> {
    return this.surveys.requestSubject(requestId);
  }

  /** The survey's response, or undefined when there is no such survey. */
  async response(communicationId: string): Promise<SurveyResponse | undefined> {
    const loaded = await this.repository.load(surveyResponseStreamId(communicationId));
    return loaded.state.exists ? loaded.state : undefined;
  }

  /** The responses of the surveys about a request (the CSAT after its closure among them), newest first. */
  async responsesOfRequest(requestId: string): Promise<SurveyResponse[]> {
    const ids = await this.surveys.surveysOfRequest(requestId, REQUEST_SURVEYS_MAX);
    const responses = await Promise.all(ids.map((id) => this.response(id)));
    return responses.filter((r): r is SurveyResponse => r !== undefined);
  }

  /**
   * Records answers (idempotent on `commandId`, and a repeated answer records nothing) and names
   * the next question to ask on the channel, unless the survey is complete.
   */
  async answer(
    communicationId: string,
    answers: readonly GivenAnswer[],
    channel: SurveyAnswerChannel,
    by: string,
    commandId: string,
    complete = false,
    now = new Date(),
  ): Promise<SurveyAnswerOutcome> {
    const streamId = surveyResponseStreamId(communicationId);
    const result = await this.repository.handle(
      streamId,
      { type: 'AnswerSurvey', answers, channel, by, now, ...(complete ? { complete } : {}) },
      { commandId, origin: 'system' },
    );
    const response = await this.response(communicationId);
    if (!response) throw new Error(`survey ${communicationId} vanished`);
    const question = response.completed ? undefined : nextQuestion(response, channel);
    return { appended: result.appended, response, ...(question ? { next: { index: response.questions.indexOf(question), question } } : {}) };
  }

  /** Whether this command id already answered the survey (a redelivered SMS after the survey completed). */
  async answeredBy(communicationId: string, commandId: string): Promise<boolean> {
    const loaded = await this.repository.load(surveyResponseStreamId(communicationId), commandId);
    return loaded.previous !== undefined;
  }

  /**
   * After an SMS answer (the `survey-questions` processor, where the SMS sender is): the next
   * question by SMS to the number the survey went to, as the survey stood after that answer — part
   * of the survey the policies already admitted, so not a communication of its own (a rate limit
   * must not cut a survey in the middle). No sender, no next question, or the survey completed:
   * nothing. A retried send reaches the sender with the same id (question and survey).
   */
  async askNextBySms(communicationId: string, afterRevision: bigint): Promise<void> {
    const sender = this.senders.find((s) => s.channel === 'sms');
    if (!sender) throw new Error('no sender for the sms channel to ask the next survey question');
    let state = surveyResponseDecider.initialState;
    for await (const e of this.store.readStream(surveyResponseStreamId(communicationId))) {
      if (e.revision > afterRevision) break;
      state = surveyResponseDecider.evolve(state, { type: e.type, data: e.data } as SurveyResponseEvent);
    }
    if (!state.exists || state.completed) return;
    const next = nextQuestion(state, 'sms');
    const communication = await this.communications.find(communicationId);
    if (!next || communication?.channel !== 'sms' || !communication.address) return;
    await sender.send({
      communicationId: deterministicUuid(`survey-question:${communicationId}:${next.id}`),
      channel: 'sms',
      address: communication.address,
      message: { text: smsQuestionText(next, state.language) },
    });
  }

  /** The public page's token check. */
  verifyToken(token: string, now = new Date()): SurveyTokenCheck {
    return verifySurveyToken(token, this.options.tokenSecret, now);
  }

  surveyLink(communicationId: string, now = new Date()): string {
    const token = signSurveyToken(communicationId, new Date(now.getTime() + this.options.tokenTtlMs), this.options.tokenSecret);
    return `${this.options.publicBaseUrl}/public/surveys/${token}`;
  }

  async results(questionnaireId: string, filter: SurveyResultsFilter): Promise<SurveyResults> {
    const questionnaire = await this.questionnaire(questionnaireId);
    const counts = await this.surveys.counts(questionnaireId, filter);
    const questions = questionnaire.questions.map((question): QuestionResult => {
      const found = counts.questions.find((q) => q.questionId === question.id);
      const byValue = found?.counts ?? {};
      const values =
        question.kind === 'rating'
          ? ['1', '2', '3', '4', '5']
          : question.kind === 'nps'
            ? Array.from({ length: 11 }, (_, i) => String(i))
            : (question.options ?? []).map((o) => o.id);
      const distribution = values.map((value) => ({
        value,
        ...(question.options ? { label: question.options.find((o) => o.id === value)?.text } : {}),
        count: byValue[value] ?? 0,
      }));
      const scored = question.kind === 'rating' || question.kind === 'nps';
      const average = scored ? averageScore(byValue) : undefined;
      const nps = question.kind === 'nps' ? npsScore(byValue) : undefined;
      const csat = question.kind === 'rating' ? csatScore(byValue) : undefined;
      return {
        questionId: question.id,
        kind: question.kind,
        text: question.text,
        answered: found?.answered ?? 0,
        distribution: question.kind === 'text' ? [] : distribution,
        ...(average !== undefined ? { average } : {}),
        ...(nps !== undefined ? { nps } : {}),
        ...(csat !== undefined ? { csat } : {}),
      };
    });
    return {
      questionnaireId,
      sent: counts.sent,
      answered: counts.answered,
      completed: counts.completed,
      responseRate: responseRate(counts.sent, counts.answered),
      questions,
    };
  }

  freeText(questionnaireId: string, filter: SurveyResultsFilter & { questionId?: string }, page: { limit: number; offset: number }): Promise<FreeTextAnswer[]> {
    return this.surveys.freeText(questionnaireId, filter, page);
  }

  private check(draft: QuestionnaireDraft): void {
    const problems = questionnaireProblems(draft);
    if (problems.length > 0) throw new SurveyRuleError('invalid', 'The questionnaire is not valid.', problems);
  }

  /** The message for every channel: the channel is chosen later, by the dispatcher. */
  private render(communicationId: string, questionnaire: Questionnaire, language: SurveyLanguage, now: Date): CommunicationMessage {
    const title = localized(questionnaire.title, language);
    const link = this.surveyLink(communicationId, now);
    const invitation = language === 'ru' ? `${title}\n\nОтветьте на несколько вопросов: ${link}` : `${title}\n\nPlease answer a few questions: ${link}`;
    const empty = { questions: questionnaire.questions, answers: {} };
    const first = (channel: SurveyAnswerChannel) => nextQuestion(empty, channel);
    const telegramFirst = first('messenger');
    const smsFirst = first('sms');
    const messenger: ChannelMessage = telegramFirst
      ? telegramQuestion(communicationId, questionnaire.questions.indexOf(telegramFirst), telegramFirst, language, { title })
      : { text: invitation };
    const sms: ChannelMessage = smsFirst ? { text: smsQuestionText(smsFirst, language, title) } : { text: invitation };
    return { text: invitation, variants: { messenger, sms, email: { text: invitation }, push: { text: invitation } } };
  }
}
