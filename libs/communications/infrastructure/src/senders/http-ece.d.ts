// Types for the part of npm `http_ece` (untyped JavaScript) the Web Push test uses to decrypt.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  export interface DecryptParams {
    readonly version: 'aes128gcm';
    /** The receiver's (the browser's) key pair. */
    readonly privateKey: ECDH;
    /** The subscription's auth secret, base64url. */
    readonly authSecret: string;
  }

  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
