export interface PortalOptions {
  /** The department invitations are sent for (the sending point's policies apply to it). */
  readonly department: string;
  /** The portal as residents open it: invitation links are `<url>/invite/<token>`. */
  readonly url: string;
}
export const PORTAL_OPTIONS = Symbol('PORTAL_OPTIONS');
