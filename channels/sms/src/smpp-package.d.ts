// Types for the parts of npm `smpp` 0.5 (untyped JavaScript) that Switchboard uses.
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import { Server as NetServer } from 'node:net';
  import type { Socket } from 'node:net';

  /** A decoded short_message or message_payload: the text and, with esm_class UDHI, the UDH information elements. */
  export interface DecodedMessage {
    readonly udh?: Buffer[];
    readonly message: string | Buffer;
  }

  /** One protocol data unit; fields are the SMPP parameter and TLV names. */
  export class PDU {
    constructor(command: string | Buffer, options?: Record<string, unknown>);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
  }

  export class Session extends EventEmitter {
    readonly socket: Socket;
    /** False when the socket is no longer writable. */
    send(pdu: PDU, responseCallback?: (response: PDU) => void, sendCallback?: (sent: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export class Server extends NetServer {
    readonly sessions: Session[];
  }

  export interface ConnectOptions {
    readonly host: string;
    readonly port: number;
    readonly tls?: boolean;
  }

  export function connect(options: ConnectOptions, listener?: () => void): Session;
  export function createServer(listener?: (session: Session) => void): Server;
  export function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;

  export const errors: Readonly<Record<string, number>>;
  export const ESME_ROK: number;
}
