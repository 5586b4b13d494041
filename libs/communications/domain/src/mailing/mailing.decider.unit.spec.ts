import { deciderSpec } from '@switchboard/kernel/testing';
import type { MailingDraft } from './mailing';
import { mailingDecider, mailingTransitions } from './mailing.decider';
import type { MailingCommand } from './mailing.commands';
import { MailingRuleError, MailingTransitionError } from './mailing-errors';
import type { MailingEvent } from './mailing.events';
import type { MailingStatus } from './mailing.state';

const mailingId = 'm-1';
const now = new Date('2026-12-07T10:00:00.000Z');
const at = now.toISOString();
const by = 'comms.admin';
const spec = deciderSpec(mailingDecider);

const draft: MailingDraft = {
  name: 'Planned water outage',
  department: 'first-line-north',
  audience: { department: 'first-line-north', tags: { match: 'any', values: ['vip'] } },
  templateId: 'outage',
  variables: { date: '8 December' },
  communicationType: 'mass',
  perMinute: 600,
};
const create: MailingCommand = { type: 'CreateMailing', mailingId, draft, by, now };
const created: MailingEvent = { type: 'MailingCreated', data: { mailingId, by, at, ...draft } };
const started: MailingEvent = { type: 'MailingStarted', data: { mailingId, by: 'system:mailings', at, recipients: 3 } };
const paused: MailingEvent = { type: 'MailingPaused', data: { mailingId, by, at } };
const cancelled: MailingEvent = { type: 'MailingCancelled', data: { mailingId, by, at } };
const completed: MailingEvent = { type: 'MailingCompleted', data: { mailingId, by: 'system:mailings', at, queued: 3, skipped: 0 } };

const historyOf: Record<MailingStatus | 'NONE', MailingEvent[]> = {
  NONE: [],
  DRAFT: [created],
  RUNNING: [created, started],
  PAUSED: [created, started, paused],
  CANCELLED: [created, cancelled],
  COMPLETED: [created, started, completed],
};
const commandOf: Record<keyof typeof mailingTransitions, MailingCommand> = {
  CreateMailing: create,
  StartMailing: { type: 'StartMailing', recipients: 3, by: 'system:mailings', now },
  PauseMailing: { type: 'PauseMailing', by, now },
  ResumeMailing: { type: 'ResumeMailing', by, now },
  CancelMailing: { type: 'CancelMailing', by, now },
  CompleteMailing: { type: 'CompleteMailing', queued: 3, skipped: 0, by: 'system:mailings', now },
};

describe('a mailing', () => {
  it('is created as a draft with its audience, template, schedule and throttle', () => {
    spec.given([]).when(create).then([created]);
  });

  it('refuses a mailing without a name, with an empty audience or a throttle out of range', () => {
    spec
      .given([])
      .when({ ...create, draft: { ...draft, name: '  ' } })
      .thenThrows(MailingRuleError, { rule: 'name' });
    spec
      .given([])
      .when({ ...create, draft: { ...draft, audience: {} } })
      .thenThrows(MailingRuleError, { rule: 'audience' });
    spec
      .given([])
      .when({ ...create, draft: { ...draft, audience: { tags: { match: 'all', values: [] } } } })
      .thenThrows(MailingRuleError, { rule: 'audience' });
    spec
      .given([])
      .when({ ...create, draft: { ...draft, perMinute: 0 } })
      .thenThrows(MailingRuleError, { rule: 'throttle' });
    spec
      .given([])
      .when({ ...create, draft: { ...draft, startAt: 'tomorrow' } })
      .thenThrows(MailingRuleError, { rule: 'schedule' });
  });

  it('starts with its frozen recipient count, and a second start changes nothing', () => {
    spec.given([created]).when(commandOf.StartMailing).then([started]);
    spec.given([created, started]).when(commandOf.StartMailing).then([]);
  });

  it('is paused and resumed mid-way', () => {
    spec.given([created, started]).when(commandOf.PauseMailing).then([paused]);
    spec
      .given([created, started, paused])
      .when(commandOf.ResumeMailing)
      .then([{ type: 'MailingResumed', data: { mailingId, by, at } }]);
  });

  it('is cancelled mid-way, with a reason when one is given, and a second cancel changes nothing', () => {
    spec
      .given([created, started])
      .when({ type: 'CancelMailing', reason: 'wrong template', by, now })
      .then([{ type: 'MailingCancelled', data: { mailingId, by, at, reason: 'wrong template' } }]);
    spec.given([created, cancelled]).when(commandOf.CancelMailing).then([]);
  });

  it('completes when every recipient was handed on, and stays cancelled when the cancel came first', () => {
    spec.given([created, started]).when(commandOf.CompleteMailing).then([completed]);
    spec.given([created, started, cancelled]).when(commandOf.CompleteMailing).then([]);
  });

  it('refuses every other transition, naming where it is allowed', () => {
    const repeats: Partial<Record<string, readonly string[]>> = {
      StartMailing: ['RUNNING', 'PAUSED', 'COMPLETED'],
      PauseMailing: ['PAUSED'],
      ResumeMailing: ['RUNNING'],
      CancelMailing: ['CANCELLED'],
      CompleteMailing: ['COMPLETED', 'CANCELLED'],
    };
    for (const [type, allowed] of Object.entries(mailingTransitions)) {
      for (const status of Object.keys(historyOf) as (MailingStatus | 'NONE')[]) {
        if (allowed.includes(status) || repeats[type]?.includes(status)) continue;
        spec
          .given(historyOf[status])
          .when(commandOf[type as keyof typeof mailingTransitions])
          .thenThrows(MailingTransitionError, { state: status });
      }
    }
  });
});
