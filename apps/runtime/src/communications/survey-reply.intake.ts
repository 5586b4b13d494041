import { Logger } from '@nestjs/common';
import type { Surveys, SurveyStore } from '@switchboard/communications';
import { nextQuestion, parseSmsAnswer } from '@switchboard/communications/domain';
import { normalisePhone } from '@switchboard/customers/domain';
import type { ContactIntake, InboundContact, IntakeResult } from '@switchboard/service-desk';

/** A reply made only of numbers: the one shape of an SMS survey answer (anything else never reaches the database). */
const NUMBERS_ONLY = /^\s*\d{1,2}([\s,;]+\d{1,2})*[.!]?\s*$/u;

/**
 * An SMS that answers a survey awaiting a reply from that number (ADR 0027): a digit reply ("4",
 * "1 3") that fits the question asked is recorded as the survey's answer (the notifier's
 * `survey-questions` sends the next one), and the message is neither a new request nor part of a
 * conversation. Anything else — not
 * numbers, no survey waiting, numbers that do not fit the question, a failure on the way — goes
 * to intake unchanged: a contact is never lost for a survey.
 */
export class SurveyReplyIntake implements ContactIntake {
  private readonly logger = new Logger('surveys');

  constructor(
    private readonly intake: ContactIntake,
    private readonly surveys: Surveys,
    private readonly store: Pick<SurveyStore, 'latestSmsSurvey'>,
  ) {}

  async receive(inbound: InboundContact): Promise<IntakeResult> {
    if (inbound.channel === 'sms' && NUMBERS_ONLY.test(inbound.text)) {
      const answered = await this.answer(inbound).catch((error: unknown) => {
        this.logger.warn(
          `SMS ${inbound.messageId}: survey answer not recorded, stored as a message: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      });
      if (answered) return answered;
    }
    return this.intake.receive(inbound);
  }

  private async answer(inbound: InboundContact): Promise<IntakeResult | undefined> {
    const raw = inbound.contact.address;
    const phone = normalisePhone(raw.startsWith('+') ? raw : `+${raw}`);
    if (!phone) return undefined;
    const latest = await this.store.latestSmsSurvey(phone);
    if (!latest) return undefined;
    const response = await this.surveys.response(latest.communicationId);
    if (!response) return undefined;
    const commandId = `sms-survey:${inbound.messageId}`;
    // The SMSC redelivering an answer (the survey has moved on since): the same answer, not a new message.
    if (await this.surveys.answeredBy(response.communicationId, commandId)) {
      return { requestId: response.requestId ?? '', registered: false, duplicate: true, position: null };
    }
    if (response.completed) return undefined;
    const question = nextQuestion(response, 'sms');
    const answer = question && parseSmsAnswer(question, inbound.text);
    if (!question || !answer) return undefined;
    const outcome = await this.surveys.answer(
      response.communicationId,
      [{ questionId: question.id, answer }],
      'sms',
      'client:sms',
      commandId,
      false,
      inbound.receivedAt,
    );
    return { requestId: response.requestId ?? '', registered: false, duplicate: !outcome.appended, position: null };
  }
}
