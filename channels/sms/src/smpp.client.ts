import { Logger } from '@nestjs/common';
import { PDU, connect, errors } from 'smpp';
import type { Session } from 'smpp';
import { backoffDelayMs, errorMessage } from '@switchboard/kernel';
import type { SmppEndpoint } from './smpp-endpoint';

export const ESME_ROK = 0x0000;
/** "Temporary application error": the SMSC keeps the message and delivers it again later. */
export const ESME_RX_T_APPN = 0x0064;
export const ESME_RINVSRCADR = 0x000a;
export const ESME_RINVDCS = 0x0104;

/** The SMSC's name of a command_status (ESME_RINVDSTADR, ...). */
export function smppStatusName(status: number): string {
  return Object.entries(errors).find(([, value]) => value === status)?.[0] ?? `status 0x${status.toString(16).padStart(4, '0')}`;
}

/** The SMSC answered a request with a non-zero command_status. */
export class SmppCommandError extends Error {
  constructor(
    readonly command: string,
    readonly status: number,
  ) {
    super(`${command} refused by the SMSC: ${smppStatusName(status)} (0x${status.toString(16).padStart(4, '0')})`);
    this.name = 'SmppCommandError';
  }
}

/** The link is down or the SMSC did not answer in time: try again later. */
export class SmppUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SmppUnavailableError';
  }
}

/** A deliver_sm as the smpp package decodes it; fields are the SMPP parameter and TLV names. */
export type DeliverSm = PDU;

export interface SmppClientOptions {
  readonly endpoint: SmppEndpoint;
  /**
   * `transceiver` (default): SMS and delivery receipts in, SMS out. `transmitter`: SMS out only;
   * the SMSC sends this bind no deliver_sm at all (a process that must not take inbound SMS).
   */
  readonly bindAs?: 'transceiver' | 'transmitter';
  readonly enquireLinkMs: number;
  /** How long a request waits for its response (bind, submit_sm, enquire_link). */
  readonly responseTimeoutMs?: number;
  readonly rebind?: { readonly baseMs: number; readonly maxMs: number };
  /** Handles one deliver_sm; its result is the deliver_sm_resp status, sent only after it resolves. A transmitter gets none. */
  readonly onDeliver?: (pdu: DeliverSm) => Promise<number>;
  readonly onBound?: () => void;
  readonly onUnbound?: () => void;
}

interface Pending {
  reject(error: Error): void;
}

/**
 * One bind to the SMSC (a transceiver, or a transmitter), kept alive with enquire_link and rebound
 * with exponential backoff when it drops (or stops answering). Every deliver_sm is answered on the
 * bind it came in on, only once its handler has resolved, so an unanswered message is resent by
 * the SMSC.
 */
export class SmppClient {
  private readonly logger = new Logger('smpp');
  private readonly stopping = new AbortController();
  private session: Session | undefined;
  /** The connection being opened or bound, so stop() need not wait for its timeout. */
  private connecting: Session | undefined;
  private readonly pending = new Set<Pending>();
  private readonly handling = new Set<Promise<void>>();
  private boundWaiters: (() => void)[] = [];
  private loop: Promise<void> | undefined;

  constructor(private readonly options: SmppClientOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  get isBound(): boolean {
    return this.session !== undefined;
  }

  whenBound(): Promise<void> {
    if (this.session) return Promise.resolve();
    return new Promise((resolve) => this.boundWaiters.push(resolve));
  }

  /** Sends a submit_sm; resolves with the SMSC's message_id. */
  submit(fields: Record<string, unknown>): Promise<string> {
    const session = this.session;
    if (!session) return Promise.reject(new SmppUnavailableError(`not bound to ${this.options.endpoint.display}`));
    return this.request(session, new PDU('submit_sm', fields)).then((response) => String(response.message_id ?? ''));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const session = this.session;
    if (session) {
      await this.request(session, new PDU('unbind'), 2_000).catch(() => undefined);
      session.close();
    }
    this.connecting?.destroy();
    await this.loop;
    // Handlers still storing finish before the app closes the pool; their SMSC resends later.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.handling]), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
  }

  private async run(): Promise<void> {
    const { baseMs, maxMs } = this.options.rebind ?? { baseMs: 500, maxMs: 30_000 };
    let attempt = 0;
    while (!this.stopping.signal.aborted) {
      const wasBound = await this.bindUntilClosed().catch((error: unknown) => {
        this.logger.warn(`SMPP link to ${this.options.endpoint.display} failed: ${errorMessage(error)}`);
        return false;
      });
      if (this.stopping.signal.aborted) break;
      attempt = wasBound ? 1 : attempt + 1;
      const wait = backoffDelayMs({ baseMs, maxMs }, attempt, Math.random());
      this.logger.warn(`rebinding to ${this.options.endpoint.display} in ${wait} ms`);
      await sleep(wait, this.stopping.signal);
    }
  }

  /** Connects and binds; resolves (with whether the bind succeeded) once the connection is closed. */
  private bindUntilClosed(): Promise<boolean> {
    const { endpoint } = this.options;
    const timeoutMs = this.options.responseTimeoutMs ?? 10_000;
    return new Promise((resolve) => {
      let bound = false;
      let keepAlive: NodeJS.Timeout | undefined;
      const session = connect({ host: endpoint.host, port: endpoint.port, tls: endpoint.tls });
      this.connecting = session;
      const connectTimer = setTimeout(() => {
        this.logger.warn(`no bind to ${endpoint.display} within ${timeoutMs} ms`);
        session.destroy();
      }, timeoutMs);
      session.on(endpoint.tls ? 'secureConnect' : 'connect', () => {
        const bindAs = this.options.bindAs ?? 'transceiver';
        const bind = new PDU(`bind_${bindAs}`, { system_id: endpoint.systemId, password: endpoint.password, interface_version: 0x34 });
        this.request(session, bind, timeoutMs).then(
          () => {
            clearTimeout(connectTimer);
            if (this.connecting === session) this.connecting = undefined;
            if (this.stopping.signal.aborted) return session.close();
            bound = true;
            this.session = session;
            keepAlive = this.keepAlive(session, timeoutMs);
            this.logger.log(`bound to ${endpoint.display} as a ${bindAs}`);
            for (const resolveWaiter of this.boundWaiters.splice(0)) resolveWaiter();
            this.options.onBound?.();
          },
          (error: unknown) => {
            this.logger.error(`bind to ${endpoint.display} refused: ${errorMessage(error)}`);
            session.destroy();
          },
        );
      });
      session.on('deliver_sm', (pdu: PDU) => this.deliver(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        this.logger.warn(`${endpoint.display} unbound us`);
        session.send(pdu.response());
        session.close();
      });
      session.on('unknown', (pdu: PDU) => session.send(pdu.response()));
      session.on('error', (error: unknown) => this.logger.warn(`SMPP link error: ${errorMessage(error)}`));
      session.on('close', () => {
        clearTimeout(connectTimer);
        if (this.connecting === session) this.connecting = undefined;
        if (keepAlive) clearInterval(keepAlive);
        if (this.session === session) {
          this.session = undefined;
          this.logger.warn(`SMPP link to ${endpoint.display} closed`);
          this.options.onUnbound?.();
        }
        for (const pending of [...this.pending]) pending.reject(new SmppUnavailableError(`the SMPP link closed before the SMSC answered`));
        resolve(bound);
      });
    });
  }

  /** enquire_link on an interval; a link that does not answer in time is dropped (and rebound). */
  private keepAlive(session: Session, timeoutMs: number): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.request(session, new PDU('enquire_link'), Math.min(timeoutMs, this.options.enquireLinkMs)).catch((error: unknown) => {
        this.logger.warn(`enquire_link unanswered, dropping the link: ${errorMessage(error)}`);
        session.destroy();
      });
    }, this.options.enquireLinkMs);
    timer.unref();
    return timer;
  }

  private deliver(session: Session, pdu: PDU): void {
    const onDeliver = this.options.onDeliver ?? (async () => ESME_RX_T_APPN);
    const handled = onDeliver(pdu)
      .catch((error: unknown) => {
        this.logger.error(`deliver_sm not handled, asking the SMSC to resend it: ${errorMessage(error)}`);
        return ESME_RX_T_APPN;
      })
      .then((status) => {
        // On a link that closed meanwhile there is no one to answer: the SMSC resends after rebinding.
        if (session.socket.writable) session.send(pdu.response({ command_status: status }));
      });
    this.handling.add(handled);
    void handled.finally(() => this.handling.delete(handled));
  }

  private request(session: Session, pdu: PDU, timeoutMs = this.options.responseTimeoutMs ?? 10_000): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        reject: (error) => {
          clearTimeout(timer);
          this.pending.delete(pending);
          reject(error);
        },
      };
      const timer = setTimeout(() => pending.reject(new SmppUnavailableError(`no ${pdu.command}_resp within ${timeoutMs} ms`)), timeoutMs);
      this.pending.add(pending);
      const sent = session.send(pdu, (response) => {
        clearTimeout(timer);
        this.pending.delete(pending);
        if (response.command_status === ESME_ROK) resolve(response);
        else reject(new SmppCommandError(pdu.command, response.command_status));
      });
      if (!sent) pending.reject(new SmppUnavailableError('the SMPP link is not writable'));
    });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
