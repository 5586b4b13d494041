import { Inject, Injectable, Optional } from '@nestjs/common';
import { deterministicUuid, EventSourcedRepository } from '@switchboard/eventstore';
import type { CommandEnvelope, EventStore } from '@switchboard/eventstore';
import { mailingDecider, mailingStreamId, renderTemplate, TemplateRenderError } from '@switchboard/communications/domain';
import type { Mailing, MailingCommand, MailingDraft, MailingEvent, MailingState } from '@switchboard/communications/domain';
import { Communications } from '../communications.service';
import { COMMUNICATIONS_EVENT_STORE } from '../communications.tokens';
import { CommunicationTemplates } from '../templates/communication-templates.service';
import { MAILING_ESTATE_AUDIENCE, MAILING_STORE } from './mailing-store.port';
import type { ClaimedRecipient, MailingEstateAudience, MailingStore, RecipientOutcome } from './mailing-store.port';

export class MailingNotFoundError extends Error {
  constructor(readonly mailingId: string) {
    super(`No mailing ${mailingId}.`);
    this.name = 'MailingNotFoundError';
  }
}

const WORKER = 'system:mailings';
const MINUTE_MS = 60_000;

export interface MailingRunOptions {
  /** Recipients taken per transaction. */
  readonly batchSize?: number;
  /** Communications requested at once within a batch. */
  readonly concurrency?: number;
}

/**
 * Mailings [Рассылка] (ADR 0026): created as a draft, started (the audience frozen into a
 * recipient list), then handed to the sending point recipient by recipient in the background, at
 * most `perMinute` a minute. One communication per (mailing, client): its command id derives from
 * both, so a batch repeated after a crash finds the communications it already requested.
 */
@Injectable()
export class Mailings {
  private readonly repository: EventSourcedRepository<MailingCommand, MailingEvent, MailingState>;

  constructor(
    @Inject(COMMUNICATIONS_EVENT_STORE) store: EventStore,
    @Inject(MAILING_STORE) private readonly mailings: MailingStore,
    @Inject(Communications) private readonly communications: Communications,
    @Inject(CommunicationTemplates) private readonly templates: CommunicationTemplates,
    @Optional() @Inject(MAILING_ESTATE_AUDIENCE) private readonly estate?: MailingEstateAudience,
  ) {
    this.repository = new EventSourcedRepository(store, mailingDecider);
  }

  /** A new draft; the id derives from the command id, so a resubmission finds the same mailing. */
  async create(draft: MailingDraft, by: string, envelope: CommandEnvelope, now = new Date()): Promise<Mailing> {
    await this.templates.get(draft.templateId);
    const mailingId = deterministicUuid(`mailing:${envelope.commandId}`);
    return this.apply(mailingId, { type: 'CreateMailing', mailingId, draft, by, now }, { ...envelope, expectedRevision: undefined }, now);
  }

  async find(mailingId: string): Promise<(Mailing & { revision: number }) | undefined> {
    const loaded = await this.repository.load(mailingStreamId(mailingId));
    return loaded.state.exists ? { ...loaded.state, revision: Number(loaded.revision) } : undefined;
  }

  /**
   * Freezes the audience into the recipient list, then records the start. A crash between the two
   * is repaired by starting again: the list is frozen once (a second freeze adds nobody).
   */
  async start(mailingId: string, by: string, envelope: CommandEnvelope, now = new Date()): Promise<Mailing> {
    const mailing = await this.existing(mailingId);
    if (mailing.status !== 'DRAFT') return this.apply(mailingId, { type: 'StartMailing', recipients: mailing.recipients ?? 0, by, now }, envelope, now);
    const residents = mailing.audience.estate ? await this.residentsOf(mailing.audience.estate, now) : undefined;
    const recipients = await this.mailings.freezeRecipients(mailingId, mailing.audience, residents);
    return this.apply(mailingId, { type: 'StartMailing', recipients, by, now }, envelope, now);
  }

  /** The clients living in the place now; without the estate nobody (a notice must not go to everyone). */
  private async residentsOf(place: NonNullable<Mailing['audience']['estate']>, now: Date): Promise<string[]> {
    return this.estate ? this.estate.residentsOf(place, now) : [];
  }

  pause(mailingId: string, by: string, envelope: CommandEnvelope, now = new Date()): Promise<Mailing> {
    return this.apply(mailingId, { type: 'PauseMailing', by, now }, envelope, now);
  }

  resume(mailingId: string, by: string, envelope: CommandEnvelope, now = new Date()): Promise<Mailing> {
    return this.apply(mailingId, { type: 'ResumeMailing', by, now }, envelope, now);
  }

  /**
   * Records the cancel, then stops the worker: marking the row cancelled waits for a batch in
   * flight, and every recipient still pending is marked cancelled. Once this returns no further
   * communication is requested for the mailing.
   */
  async cancel(mailingId: string, by: string, envelope: CommandEnvelope, reason?: string, now = new Date()): Promise<Mailing> {
    const mailing = await this.apply(mailingId, { type: 'CancelMailing', by, now, ...(reason ? { reason } : {}) }, envelope, now);
    await this.mailings.cancel(mailingId, now);
    return mailing;
  }

  /**
   * The worker's step: for every running mailing whose time has come, hands on the next batch of
   * pending recipients the throttle allows, and completes the mailings with none left. Answers how
   * many recipients were handed on or skipped.
   */
  async runOnce(options: MailingRunOptions = {}, now = new Date()): Promise<number> {
    let taken = 0;
    for (const row of await this.mailings.due(now)) {
      const budget = row.perMinute - (await this.mailings.queuedSince(row.id, new Date(now.getTime() - MINUTE_MS)));
      if (budget > 0) taken += await this.runBatch(row.id, Math.min(budget, options.batchSize ?? 200), options.concurrency ?? 16, now);
      if ((await this.mailings.pendingCount(row.id)) === 0) await this.complete(row.id, now);
    }
    return taken;
  }

  private async runBatch(mailingId: string, limit: number, concurrency: number, now: Date): Promise<number> {
    const mailing = await this.existing(mailingId);
    const template = await this.templates.get(mailing.templateId);
    return this.mailings.claim(mailingId, limit, async (recipients) => {
      const outcomes: RecipientOutcome[] = [];
      let next = 0;
      const worker = async () => {
        while (next < recipients.length) {
          const recipient = recipients[next++];
          outcomes.push(await this.handOn(mailing, template, recipient, now));
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, recipients.length) }, worker));
      return outcomes;
    });
  }

  private async handOn(
    mailing: Mailing,
    template: Awaited<ReturnType<CommunicationTemplates['get']>>,
    recipient: ClaimedRecipient,
    now: Date,
  ): Promise<RecipientOutcome> {
    let rendered;
    try {
      rendered = renderTemplate(template, recipient.language, mailing.variables ?? {});
    } catch (error) {
      if (error instanceof TemplateRenderError) return { clientId: recipient.clientId, skipped: error.message };
      throw error;
    }
    // Exactly once per (mailing, client): the same command id finds the communication requested before a crash.
    const { communicationId } = await this.communications.request(
      {
        department: mailing.department,
        clientId: recipient.clientId,
        communicationType: mailing.communicationType,
        message: {
          text: rendered.text,
          template: { id: template.id, language: rendered.language, ...(mailing.variables ? { variables: mailing.variables } : {}) },
        },
        origin: { kind: 'mailing', id: mailing.id },
        ...(mailing.channel ? { channel: mailing.channel } : {}),
        by: WORKER,
      },
      { commandId: `mailing:${mailing.id}:${recipient.clientId}`, origin: 'system', correlationId: mailing.id },
      now,
    );
    return { clientId: recipient.clientId, communicationId };
  }

  private async complete(mailingId: string, now: Date): Promise<void> {
    const progress = await this.mailings.progress(mailingId);
    await this.apply(
      mailingId,
      {
        type: 'CompleteMailing',
        queued: progress.total - progress.pending - progress.skipped - progress.cancelled,
        skipped: progress.skipped,
        by: WORKER,
        now,
      },
      { commandId: `mailing-complete:${mailingId}`, origin: 'system' },
      now,
    );
  }

  private async existing(mailingId: string): Promise<Mailing> {
    const mailing = await this.find(mailingId);
    if (!mailing) throw new MailingNotFoundError(mailingId);
    return mailing;
  }

  private async apply(mailingId: string, command: MailingCommand, envelope: CommandEnvelope, now: Date): Promise<Mailing> {
    const streamId = mailingStreamId(mailingId);
    if (command.type !== 'CreateMailing') {
      const loaded = await this.repository.load(streamId, envelope.commandId);
      if (!loaded.state.exists) throw new MailingNotFoundError(mailingId);
      await this.repository.handle(streamId, command, envelope, loaded);
    } else {
      await this.repository.handle(streamId, command, envelope);
    }
    const after = await this.repository.load(streamId);
    if (!after.state.exists) throw new MailingNotFoundError(mailingId);
    await this.mailings.save(after.state, Number(after.revision), now);
    return after.state;
  }
}
