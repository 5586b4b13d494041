/**
 * Remembers notifications already sent, so a replayed event (after a crash before the checkpoint
 * moved) does not email the same people twice. Delivery stays at-least-once: a crash between the
 * send and the mark can still repeat one message.
 */
export interface SentNotifications {
  wasSent(key: string): Promise<boolean>;
  markSent(key: string): Promise<void>;
}
