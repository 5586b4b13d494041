import { Logger } from '@nestjs/common';
import { ExecuteRequestCommand } from '@switchboard/service-desk';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import type { PostgresCommunicationSmsParts } from './communication-sms-parts';
import type { DeliveryReceipt } from './smpp-delivery-receipt';
import type { PostgresSmppSubmittedStore } from './smpp-submitted.store';

/** The command bus, narrowed to what receipts need. */
export interface RequestCommands {
  execute(command: ExecuteRequestCommand): Promise<unknown>;
}

/** The communications' sending point, narrowed to recording a receipt (Communications.recordOutcome). */
export interface CommunicationOutcomes {
  recordOutcome(communicationId: string, outcome: 'delivered' | 'failed', receiptId: string, reason?: string, providerMessageId?: string): Promise<unknown>;
}

export interface SmppReceiptRecorderOptions {
  readonly submitted: PostgresSmppSubmittedStore;
  readonly commands: RequestCommands;
  /** Receipts of communications' parts (communication_sms_parts) go to their communication; unset: only requests' receipts are recorded. */
  readonly communications?: { readonly parts: PostgresCommunicationSmsParts; readonly outcomes: CommunicationOutcomes };
  /**
   * Waits before deciding a receipt names no message of ours: the SMSC may send the receipt
   * before the sender (maybe another process) has recorded the submit_sm_resp's message_id.
   */
  readonly lookupDelaysMs?: readonly number[];
}

/**
 * Turns a delivery receipt into the reply's or notification's final state: RecordOutboundOutcome
 * 'failed' as soon as any part failed, 'delivered' once every part was delivered.
 */
export class SmppReceiptRecorder {
  private readonly logger = new Logger('smpp');

  constructor(private readonly options: SmppReceiptRecorderOptions) {}

  async record(receipt: DeliveryReceipt): Promise<void> {
    if (receipt.outcome === 'pending') return;
    const reason = receipt.outcome === 'failed' ? `SMSC receipt ${receipt.state}${receipt.error ? ` (err ${receipt.error})` : ''}` : undefined;
    const outcome = receipt.outcome;
    const lookup = async () =>
      (await this.options.submitted.recordReceipt(receipt.messageId, outcome, reason)) ??
      (await this.options.communications?.parts.recordReceipt(receipt.messageId, outcome, reason));
    let effect = await lookup();
    // Up to ~10 s: a long reply's parts are recorded only once every part's submit_sm_resp is in.
    for (const wait of this.options.lookupDelaysMs ?? [50, 150, 400, 1_000, 2_000, 3_000, 3_500]) {
      if (effect) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
      effect = await lookup();
    }
    if (effect && 'communicationId' in effect) {
      // A communication's receipt: once per outcome (the receipt id keys the command).
      if (effect.outcome)
        await this.options.communications?.outcomes.recordOutcome(
          effect.communicationId,
          effect.outcome,
          `smpp:${effect.outcome}`,
          effect.reason,
          receipt.messageId,
        );
      return;
    }
    if (!effect) {
      this.logger.warn(
        `delivery receipt ${receipt.state} for message ${receipt.messageId}, which we did not submit (or no longer remember): nothing to record`,
      );
      return;
    }
    if (!effect.outcome) return; // other parts of the message are still on their way
    const { requestId, outboundId } = effect.submitted;
    try {
      await this.options.commands.execute(
        new ExecuteRequestCommand(
          requestId,
          { type: 'RecordOutboundOutcome', outboundId, outcome: effect.outcome, reason: effect.reason, by: 'channel:sms', now: new Date() },
          { commandId: `smpp-receipt:${outboundId}:${effect.outcome}`, origin: 'system', correlationId: requestId },
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      this.logger.warn(`delivery receipt for ${outboundId} on request ${requestId} not recorded: ${error.message}`);
    }
  }
}
