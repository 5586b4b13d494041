import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import { FileStorage } from '@switchboard/platform';
import { PORTAL_FILES_PER_MESSAGE } from '@switchboard/portal/domain';
import { Passes } from '@switchboard/security-desk';
import type { PassWithRevision } from '@switchboard/security-desk';
import { ContactIntake, ExecuteRequestCommand, ServiceDeskSnapshots } from '@switchboard/service-desk';
import type { IntakeResult } from '@switchboard/service-desk';
import type { Attachment } from '@switchboard/service-desk/domain';
import { PortalAccountNotLinkedError, PortalNotFoundError, PortalRuleError } from './portal-errors';
import { PortalAccounts, PortalClients, ResidentUnits } from './portal.ports';
import type { PortalClient, ResidentUnit } from './portal.ports';

/** The signed-in resident: their account and the client it is linked to. */
export interface Resident {
  readonly principal: Principal;
  readonly client: PortalClient;
}

export interface PortalSubmission {
  readonly unitId: string;
  readonly text: string;
  readonly fileIds: readonly string[];
}

export interface PortalPassOrder {
  readonly unitId: string;
  readonly kind: 'one-time' | 'permanent';
  readonly visitorName?: string;
  readonly plate?: string;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly note?: string;
}

const SUBJECT_MAX = 80;

/**
 * The residents' portal (ADR 0030): a resident's own requests and passes, for their own units.
 * Submissions are a channel like any other (`portal`): they go through the same exactly-once
 * intake, with the resident's Idempotency-Key as the channel's message id.
 */
@Injectable()
export class ResidentsPortal {
  constructor(
    @Inject(PortalAccounts) private readonly accounts: PortalAccounts,
    @Inject(PortalClients) private readonly clients: PortalClients,
    @Inject(ResidentUnits) private readonly units: ResidentUnits,
    @Inject(ContactIntake) private readonly intake: ContactIntake,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(FileStorage) private readonly files: FileStorage,
    @Inject(Passes) private readonly passes: Passes,
    @Inject(ServiceDeskSnapshots) private readonly snapshots: ServiceDeskSnapshots,
  ) {}

  /** The caller as a resident; an account not linked to a client yet cannot use the portal. */
  async resident(principal: Principal): Promise<Resident> {
    const clientId = await this.accounts.clientOf(principal.userId);
    if (!clientId) throw new PortalAccountNotLinkedError();
    const client = await this.clients.byId(clientId);
    if (!client) throw new PortalAccountNotLinkedError();
    return { principal, client };
  }

  unitsOf(resident: Resident): Promise<ResidentUnit[]> {
    return this.units.unitsOf(resident.client.id);
  }

  /**
   * A new request for one of the resident's units. The Idempotency-Key is the channel message id
   * and the contact is the submission itself (every submission its own request, never joined to
   * another open one): a retry after a lost answer finds the request it stored.
   */
  async submit(resident: Resident, submission: PortalSubmission, idempotencyKey: string, now = new Date()): Promise<IntakeResult> {
    const unit = await this.ownUnit(resident, submission.unitId);
    const attachments = await this.attachments(resident, submission.fileIds);
    const messageId = `${resident.principal.userId}:${idempotencyKey}`;
    const firstLine = submission.text.split('\n')[0].trim();
    return this.intake.receive({
      channel: 'portal',
      messageId,
      contact: { channel: 'portal', address: messageId, displayName: `${resident.client.name}, ${unit.label}` },
      subject: `${unit.label}: ${firstLine.length > SUBJECT_MAX ? `${firstLine.slice(0, SUBJECT_MAX - 1)}…` : firstLine}`,
      text: submission.text,
      attachments,
      receivedAt: now,
      client: {
        ...(resident.client.phone ? { phone: resident.client.phone } : {}),
        ...(resident.client.email ? { email: resident.client.email } : {}),
      },
      reopens: false,
    });
  }

  /** The resident writes again in their request; a request of another client is not found. */
  async reply(
    resident: Resident,
    requestId: string,
    text: string,
    fileIds: readonly string[],
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<CommandResult> {
    if ((await this.snapshots.clientOfRequest(requestId)) !== resident.client.id) throw new PortalNotFoundError('request', requestId);
    const attachments = await this.attachments(resident, fileIds);
    return this.commands.execute(
      new ExecuteRequestCommand(
        requestId,
        {
          type: 'ReceiveMessage',
          message: { messageId: `portal:${resident.principal.userId}:${envelope.commandId}`, text, attachments, receivedAt: now },
          by: 'channel:portal',
          now,
        },
        { ...envelope, origin: 'system', correlationId: requestId },
      ),
    );
  }

  /** A visitor pass for one of the resident's units, through the security desk. */
  async orderPass(resident: Resident, order: PortalPassOrder, envelope: CommandEnvelope, now = new Date()): Promise<PassWithRevision> {
    const unit = await this.ownUnit(resident, order.unitId);
    if (order.validUntil <= order.validFrom) throw new PortalRuleError('pass-window-empty', 'The pass must end after it starts.');
    return this.passes.create(
      {
        siteSlug: unit.siteSlug,
        unitId: unit.unitId,
        unitLabel: unit.label,
        ...(resident.client.phone ? { residentPhone: resident.client.phone } : {}),
        kind: order.kind,
        ...(order.visitorName ? { visitorName: order.visitorName } : {}),
        ...(order.plate ? { plate: order.plate } : {}),
        validFrom: order.validFrom.toISOString(),
        validUntil: order.validUntil.toISOString(),
        issuedAs: 'Resident',
        ...(order.note ? { note: order.note } : {}),
      },
      resident.principal.username,
      // Scoped to the account: two residents' keys never meet in one pass.
      { ...envelope, commandId: `portal:${resident.principal.userId}:${envelope.commandId}` },
      now,
    );
  }

  private async ownUnit(resident: Resident, unitId: string): Promise<ResidentUnit> {
    const unit = (await this.units.unitsOf(resident.client.id)).find((u) => u.unitId === unitId);
    if (!unit) throw new PortalNotFoundError('unit', unitId);
    return unit;
  }

  /** Files the resident uploaded themself, as the request's attachments. */
  private async attachments(resident: Resident, fileIds: readonly string[]): Promise<Attachment[]> {
    if (fileIds.length > PORTAL_FILES_PER_MESSAGE) {
      throw new PortalRuleError('too-many-files', `At most ${PORTAL_FILES_PER_MESSAGE} files per message.`);
    }
    const attachments: Attachment[] = [];
    for (const fileId of new Set(fileIds)) {
      const file = await this.files.get(fileId);
      if (!file || file.meta.owner !== resident.principal.userId) throw new PortalNotFoundError('file', fileId);
      file.content.destroy();
      attachments.push({
        kind: file.meta.contentType.startsWith('image/') ? 'photo' : 'document',
        fileId: `portal:${fileId}`,
        ...(file.meta.name ? { name: file.meta.name } : {}),
      });
    }
    return attachments;
  }
}
