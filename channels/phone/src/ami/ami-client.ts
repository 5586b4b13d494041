import { Socket } from 'node:net';
import { AmiFrameParser, amiAction } from './ami-frame-parser';
import type { AmiMessage } from './ami-frame-parser';

export interface AmiLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface AmiClientOptions {
  /** `ami://user:secret@host:5038`. */
  readonly url: string;
  /** Called for every event, one at a time in arrival order; a rejection is logged, not fatal. */
  readonly onEvent: (event: AmiMessage) => Promise<void> | void;
  readonly logger: AmiLogger;
  /** Reconnect backoff: doubles from `min` up to `max`, with jitter. */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** How long connecting and logging in may take. */
  readonly loginTimeoutMs?: number;
}

export type AmiState = 'connecting' | 'logged-in' | 'disconnected' | 'stopped';

/**
 * A small Asterisk Manager Interface client over TCP: reads the banner, logs in (Action: Login,
 * Events: call), parses events and hands them on in order; reconnects with exponential backoff and
 * jitter whenever the connection drops or the login is refused. AMI has no acknowledgements: events
 * sent while disconnected are lost, and a call then missing its hangup stays unfinished.
 */
export class AmiClient {
  private socket: Socket | undefined;
  private state: AmiState = 'disconnected';
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private lastError = 'not connected yet';
  private readonly target: { host: string; port: number; username: string; secret: string };
  private readonly loginListeners = new Set<() => void>();

  constructor(private readonly options: AmiClientOptions) {
    const url = new URL(options.url);
    this.target = { host: url.hostname, port: Number(url.port || 5038), username: decodeURIComponent(url.username), secret: decodeURIComponent(url.password) };
  }

  get status(): AmiState {
    return this.state;
  }

  /** Why the client is not logged in, for the readiness check. */
  get problem(): string | undefined {
    return this.state === 'logged-in' ? undefined : this.lastError;
  }

  start(): void {
    if (this.state === 'stopped') return;
    this.connect();
  }

  /** Resolves once logged in (again); for start-up waits and tests. */
  loggedIn(): Promise<void> {
    if (this.state === 'logged-in') return Promise.resolve();
    return new Promise((resolve) => this.loginListeners.add(resolve));
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket && !socket.destroyed) {
      // Logoff is a courtesy; the socket closes either way.
      socket.end(amiAction({ Action: 'Logoff', ActionID: 'logoff' }));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          socket.destroy();
          resolve();
        }, 1_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await this.chain;
  }

  private connect(): void {
    this.state = 'connecting';
    const socket = new Socket();
    this.socket = socket;
    const parser = new AmiFrameParser();
    const loginTimer = setTimeout(() => {
      this.lastError = `no login answer from ${this.where()} within ${this.options.loginTimeoutMs ?? 10_000} ms`;
      socket.destroy();
    }, this.options.loginTimeoutMs ?? 10_000);
    socket.setEncoding('utf8');
    socket.setKeepAlive(true, 15_000);
    socket.on('data', (chunk: string) => {
      const wasBannerless = parser.banner === undefined;
      const messages = parser.push(chunk);
      if (wasBannerless && parser.banner !== undefined) {
        socket.write(amiAction({ Action: 'Login', ActionID: 'login', Username: this.target.username, Secret: this.target.secret, Events: 'call' }));
      }
      for (const message of messages) {
        if (message.Response !== undefined && message.ActionID === 'login') {
          clearTimeout(loginTimer);
          this.onLoginAnswer(socket, message);
        } else if (message.Event !== undefined && this.state === 'logged-in') {
          this.dispatch(message);
        }
      }
    });
    socket.on('error', (error) => {
      this.lastError = `${this.where()}: ${error.message}`;
    });
    socket.on('close', () => {
      clearTimeout(loginTimer);
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.state === 'stopped') return;
      if (this.state === 'logged-in') this.lastError = `${this.where()} closed the connection`;
      this.state = 'disconnected';
      this.scheduleReconnect();
    });
    socket.connect(this.target.port, this.target.host);
  }

  private onLoginAnswer(socket: Socket, message: AmiMessage): void {
    if (message.Response === 'Success') {
      this.state = 'logged-in';
      this.failures = 0;
      this.options.logger.log(`logged in to AMI at ${this.where()}`);
      for (const listener of this.loginListeners) listener();
      this.loginListeners.clear();
      return;
    }
    this.lastError = `AMI at ${this.where()} refused the login: ${message.Message ?? message.Response}`;
    this.options.logger.error(this.lastError);
    socket.destroy();
  }

  private dispatch(event: AmiMessage): void {
    this.chain = this.chain.then(async () => {
      try {
        await this.options.onEvent(event);
      } catch (error) {
        this.options.logger.error(`AMI ${event.Event} event not handled: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  private scheduleReconnect(): void {
    const min = this.options.reconnectMinMs ?? 500;
    const max = this.options.reconnectMaxMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** this.failures);
    this.failures++;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.options.logger.warn(`AMI disconnected (${this.lastError}); reconnecting in ${Math.round(delay)} ms`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private where(): string {
    return `${this.target.host}:${this.target.port}`;
  }
}
