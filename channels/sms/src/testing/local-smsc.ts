import { PDU, createServer } from 'smpp';
import type { DecodedMessage, Server, Session } from 'smpp';

export interface SubmittedSm {
  readonly messageId: string;
  readonly destination: string;
  readonly source: string;
  readonly dataCoding: number;
  readonly esmClass: number;
  readonly text: string;
  readonly udh: readonly Buffer[];
  readonly registeredDelivery: number;
}

export interface DeliverSmFields {
  readonly source: string;
  readonly sourceTon?: number;
  readonly destination?: string;
  /** Raw short_message (UDH included when esmClass has UDHI); or `text` for the SMSC to encode. */
  readonly shortMessage?: Buffer;
  readonly text?: string;
  readonly dataCoding?: number;
  readonly esmClass?: number;
  readonly tlvs?: Readonly<Record<string, unknown>>;
}

export interface LocalSmscOptions {
  readonly systemId?: string;
  readonly password?: string;
  /** The receipt state for each submit_sm with registered_delivery (DELIVRD, UNDELIV, ...); none when undefined. */
  readonly receiptFor?: (submitted: SubmittedSm) => string | undefined;
  /** Resend a deliver_sm nobody answered within this time on the same bind (real SMSCs do). */
  readonly resendAfterMs?: number;
  /** Unanswered deliver_sm per bind at most (the SMPP window); the rest wait their turn. */
  readonly window?: number;
  /** A submit_sm to this destination is refused with this command_status (e.g. ESME_RINVDSTADR 0x000b); undefined accepts it. */
  readonly refuseSubmit?: (destination: string) => number | undefined;
}

interface Outstanding {
  readonly fields: Record<string, unknown>;
  readonly resolve: (status: number) => void;
  /** The bind it was last sent on, while awaiting that bind's answer. */
  sentOn?: Session;
  timer?: NodeJS.Timeout;
}

const ESME_RX_T_APPN = 0x0064;
const ESME_RINVPASWD = 0x000e;
const MESSAGE_STATES: Readonly<Record<string, number>> = { ENROUTE: 1, DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8 };

/**
 * A short message service centre on 127.0.0.1 for tests, on the `smpp` package's server: accepts
 * transceiver and transmitter binds, answers enquire_link, accepts submit_sm (and sends delivery
 * receipts), and delivers deliver_sm like a real SMSC, to transceiver binds only: a message stays
 * outstanding until an ESME answers it with ESME_ROK, and is resent after a temporary error, an
 * answer timeout, or on the next bind.
 */
export class LocalSmsc {
  readonly submitted: SubmittedSm[] = [];
  binds = 0;
  /** The bind commands ESMEs used, in order (`bind_transceiver`, `bind_transmitter`). */
  readonly bindKinds: string[] = [];
  private server: Server | undefined;
  private readonly bound = new Set<Session>();
  private readonly silenced = new WeakSet<Session>();
  private readonly outstanding = new Set<Outstanding>();
  /** Not on any bind right now, oldest first. */
  private readonly waiting: Outstanding[] = [];
  private readonly inFlight = new Map<Session, Set<Outstanding>>();
  private readonly bindWaiters: (() => void)[] = [];
  private nextMessageId = 0x1000;

  private constructor(
    readonly port: number,
    private readonly options: LocalSmscOptions,
  ) {}

  static async start(port: number, options: LocalSmscOptions = {}): Promise<LocalSmsc> {
    const smsc = new LocalSmsc(port, options);
    await smsc.listen();
    return smsc;
  }

  get url(): string {
    return `smpp://${encodeURIComponent(this.options.systemId ?? 'switchboard')}:${encodeURIComponent(this.options.password ?? 'secret')}@127.0.0.1:${this.port}`;
  }

  get isBound(): boolean {
    return this.bound.size > 0;
  }

  /** Deliver_sm not yet answered with ESME_ROK. */
  get unanswered(): number {
    return this.outstanding.size;
  }

  whenBound(): Promise<void> {
    if (this.isBound) return Promise.resolve();
    return new Promise((resolve) => this.bindWaiters.push(resolve));
  }

  /** Sends a deliver_sm; resolves with the ESME's final answer (after any resends). */
  deliver(fields: DeliverSmFields): Promise<number> {
    return new Promise((resolve) => {
      const entry: Outstanding = {
        fields: {
          source_addr_ton: fields.sourceTon ?? 1,
          source_addr_npi: 1,
          source_addr: fields.source,
          dest_addr_ton: 0,
          dest_addr_npi: 0,
          destination_addr: fields.destination ?? '4242',
          esm_class: fields.esmClass ?? 0,
          ...(fields.dataCoding !== undefined ? { data_coding: fields.dataCoding } : {}),
          short_message: fields.shortMessage ?? fields.text ?? '',
          ...(fields.tlvs ?? {}),
        },
        resolve: (status) => {
          this.outstanding.delete(entry);
          resolve(status);
        },
      };
      this.outstanding.add(entry);
      this.waiting.push(entry);
      this.pump();
    });
  }

  /** The current binds stay connected but get no answer any more (a hung SMSC); new binds are served. */
  silenceCurrentBinds(): void {
    for (const session of this.bound) this.silenced.add(session);
    this.bound.clear();
  }

  /** Stops listening and drops every bind, then listens again on the same port (its store survives). */
  async restart(downMs = 0): Promise<void> {
    await this.close();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.listen();
  }

  async stop(): Promise<void> {
    for (const entry of this.outstanding) clearTimeout(entry.timer);
    this.waiting.length = 0;
    await this.close();
  }

  private listen(): Promise<void> {
    const server = createServer((session) => this.accept(session));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const session of [...(server?.sessions ?? [])]) session.destroy();
    this.bound.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(session: Session): void {
    const bind = (kind: 'bind_transceiver' | 'bind_transmitter') => (pdu: PDU) => {
      const ok = pdu.system_id === (this.options.systemId ?? 'switchboard') && pdu.password === (this.options.password ?? 'secret');
      session.send(pdu.response(ok ? { system_id: 'local-smsc' } : { command_status: ESME_RINVPASWD }));
      if (!ok) return session.close();
      this.binds += 1;
      this.bindKinds.push(kind);
      this.bound.add(session);
      // Only a transceiver takes deliver_sm (and so receipts): a transmitter sends, never receives.
      if (kind === 'bind_transceiver') this.inFlight.set(session, new Set());
      for (const resolve of this.bindWaiters.splice(0)) resolve();
      // A new bind gets everything that was never answered.
      this.pump();
    };
    session.on('bind_transceiver', bind('bind_transceiver'));
    session.on('bind_transmitter', bind('bind_transmitter'));
    session.on('enquire_link', (pdu: PDU) => {
      if (!this.silenced.has(session)) session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (!this.silenced.has(session)) this.submit(session, pdu);
    });
    session.on('error', () => undefined);
    session.on('close', () => {
      this.bound.delete(session);
      const unanswered = [...(this.inFlight.get(session) ?? [])];
      this.inFlight.delete(session);
      for (const entry of unanswered) {
        clearTimeout(entry.timer);
        entry.timer = undefined;
        entry.sentOn = undefined;
      }
      this.waiting.unshift(...unanswered);
      this.pump();
    });
  }

  /** Sends waiting deliver_sm on the current bind while its window has room, oldest first. */
  private pump(): void {
    const session = [...this.bound].find((bound) => this.inFlight.has(bound));
    const inFlight = session && this.inFlight.get(session);
    if (!session || !inFlight) return;
    const window = this.options.window ?? Number.POSITIVE_INFINITY;
    while (this.waiting.length > 0 && inFlight.size < window) {
      const entry = this.waiting.shift();
      if (entry) this.transmit(session, inFlight, entry);
    }
  }

  private transmit(session: Session, inFlight: Set<Outstanding>, entry: Outstanding): void {
    entry.sentOn = session;
    inFlight.add(entry);
    const settle = (): boolean => {
      if (entry.sentOn !== session) return false;
      clearTimeout(entry.timer);
      entry.timer = undefined;
      entry.sentOn = undefined;
      inFlight.delete(entry);
      return true;
    };
    const sent = session.send(new PDU('deliver_sm', { ...entry.fields }), (response: PDU) => {
      if (!settle()) return;
      if (response.command_status === ESME_RX_T_APPN) {
        entry.timer = setTimeout(() => {
          entry.timer = undefined;
          this.waiting.push(entry);
          this.pump();
        }, 100);
      } else {
        entry.resolve(response.command_status);
      }
      this.pump();
    });
    if (!sent) {
      settle();
      this.waiting.unshift(entry);
      return;
    }
    if (this.options.resendAfterMs) {
      entry.timer = setTimeout(() => {
        if (!settle()) return;
        this.waiting.push(entry);
        this.pump();
      }, this.options.resendAfterMs);
    }
  }

  private submit(session: Session, pdu: PDU): void {
    const refusal = this.options.refuseSubmit?.(String(pdu.destination_addr));
    if (refusal) {
      session.send(pdu.response({ command_status: refusal }));
      return;
    }
    const messageId = (this.nextMessageId++).toString(16).toUpperCase();
    const decoded = pdu.short_message as DecodedMessage;
    const submitted: SubmittedSm = {
      messageId,
      destination: String(pdu.destination_addr),
      source: String(pdu.source_addr),
      dataCoding: Number(pdu.data_coding),
      esmClass: Number(pdu.esm_class),
      text: typeof decoded.message === 'string' ? decoded.message : decoded.message.toString('hex'),
      udh: decoded.udh ?? [],
      registeredDelivery: Number(pdu.registered_delivery),
    };
    this.submitted.push(submitted);
    session.send(pdu.response({ message_id: messageId }));
    const state = submitted.registeredDelivery & 0x01 ? this.options.receiptFor?.(submitted) : undefined;
    if (!state) return;
    const now = new Date();
    const stamp = `${String(now.getUTCFullYear()).slice(2)}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
    void this.deliver({
      source: submitted.destination,
      destination: submitted.source,
      esmClass: 0x04,
      text: `id:${messageId} sub:001 dlvrd:${state === 'DELIVRD' ? '001' : '000'} submit date:${stamp} done date:${stamp} stat:${state} err:${state === 'DELIVRD' ? '000' : '001'} text:`,
      tlvs: { receipted_message_id: messageId, message_state: MESSAGE_STATES[state] ?? 7 },
    });
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');
