import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { errorMessage } from '@switchboard/kernel';
import { parseSmppUrl } from './smpp-endpoint';
import { SmppInboundHandler } from './smpp-inbound.handler';
import type { SmppInboundOutcome, SmppIntake } from './smpp-inbound.handler';
import { PostgresSmppInboundStore } from './smpp-inbound.store';
import { SmppOutboundSender } from './smpp-outbound.sender';
import { SmppReceiptRecorder } from './smpp-receipt.recorder';
import type { CommunicationOutcomes, RequestCommands } from './smpp-receipt.recorder';
import { PostgresSmppSubmittedStore } from './smpp-submitted.store';
import { SmppClient } from './smpp.client';
import { SmsCommunicationSender } from './sms-communication.sender';
import { PostgresCommunicationSmsParts } from './communication-sms-parts';

// Parts of a concatenated SMS wait this long for their siblings before what arrived is stored.
const PARTS_TIMEOUT_SECONDS = 30 * 60;
const SWEEP_INTERVAL_MS = 60_000;
const PRUNE_INTERVAL_MS = 60 * 60_000;
const RETENTION_SECONDS = 7 * 24 * 3600;

interface SmppLinkOptions {
  /** SMPP_URL. */
  readonly url: string;
  readonly pool: Pool;
  readonly sourceAddr?: string;
  readonly enquireLinkSeconds: number;
  /** The bind is up (or down again): the channel-disconnected alert's gauge. */
  readonly onBindChange?: (bound: boolean) => void;
}

/** SMS in and out: what the gateway (and `switchboard start`) binds. */
export interface SmppTransceiverOptions extends SmppLinkOptions {
  readonly mode: 'transceiver';
  readonly intake: SmppIntake;
  /** Records delivery receipts on the request. */
  readonly commands: RequestCommands;
  /** Records delivery receipts of communications (Communications.recordOutcome); unset: they are logged and dropped. */
  readonly communicationOutcomes?: CommunicationOutcomes;
  readonly resendWindowSeconds: number;
  readonly onDeliverOutcome?: (outcome: SmppInboundOutcome) => void;
}

/** SMS out only: a notifier process on its own, which must never take inbound SMS. */
export interface SmppTransmitterOptions extends SmppLinkOptions {
  readonly mode: 'transmitter';
}

export type SmppChannelOptions = SmppTransceiverOptions | SmppTransmitterOptions;

/**
 * The SMPP channel of one process: one bind to the SMSC, its outbound sender, and for a
 * transceiver the inbound side (deliver_sm stored before deliver_sm_resp, concatenated parts,
 * delivery receipts) with its housekeeping. A transmitter gets no deliver_sm, so no receipts
 * either: those reach the gateway's transceiver (SMSCs route receipts to a receiving bind of the
 * same system_id), which finds the submitted message in `smpp_submitted`, shared by both.
 */
export class SmppChannel {
  readonly sender: SmppOutboundSender;
  /** Communications (libs/communications) on SMS, over the same bind. */
  readonly communicationSender: SmsCommunicationSender;
  private readonly logger = new Logger('smpp');
  private readonly client: SmppClient;
  private readonly inbound: { readonly handler: SmppInboundHandler; readonly store: PostgresSmppInboundStore } | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(options: SmppChannelOptions) {
    const submitted = new PostgresSmppSubmittedStore(options.pool);
    const communicationParts = new PostgresCommunicationSmsParts(options.pool);
    if (options.mode === 'transceiver') {
      const store = new PostgresSmppInboundStore(options.pool, {
        resendWindowSeconds: options.resendWindowSeconds,
        partsTimeoutSeconds: PARTS_TIMEOUT_SECONDS,
      });
      const handler = new SmppInboundHandler({
        intake: options.intake,
        store,
        receipts: new SmppReceiptRecorder({
          submitted,
          commands: options.commands,
          communications: options.communicationOutcomes ? { parts: communicationParts, outcomes: options.communicationOutcomes } : undefined,
        }),
        onOutcome: options.onDeliverOutcome,
      });
      this.inbound = { handler, store };
    }
    const inbound = this.inbound;
    this.client = new SmppClient({
      endpoint: parseSmppUrl(options.url),
      bindAs: options.mode,
      enquireLinkMs: options.enquireLinkSeconds * 1000,
      onDeliver: inbound ? (pdu) => inbound.handler.handle(pdu) : undefined,
      onBound: () => options.onBindChange?.(true),
      onUnbound: () => options.onBindChange?.(false),
    });
    this.sender = new SmppOutboundSender({ client: this.client, submitted, sourceAddr: options.sourceAddr });
    this.communicationSender = new SmsCommunicationSender({
      client: this.client,
      sourceAddr: options.sourceAddr,
      parts: new PostgresCommunicationSmsParts(options.pool),
    });
  }

  get isBound(): boolean {
    return this.client.isBound;
  }

  start(): void {
    this.client.start();
    const inbound = this.inbound;
    if (!inbound) return;
    this.every(SWEEP_INTERVAL_MS, () => inbound.handler.storeOverdueParts(), 'storing overdue SMS parts');
    this.every(PRUNE_INTERVAL_MS, () => inbound.store.prune(RETENTION_SECONDS), 'pruning SMPP dedupe records');
  }

  /** Unbinds; deliver_sm being stored finish first (the SMSC resends what is left unanswered). */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.client.stop();
  }

  private every(ms: number, work: () => Promise<unknown>, what: string): void {
    const timer = setInterval(() => void work().catch((error: unknown) => this.logger.warn(`${what} failed: ${errorMessage(error)}`)), ms);
    timer.unref();
    this.timers.push(timer);
  }
}
