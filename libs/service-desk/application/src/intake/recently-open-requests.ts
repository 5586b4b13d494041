/**
 * Contacts this process saw with an open request lately (bounded, oldest forgotten first). Only a
 * hint for what to do before a batch's ledger read: a contact remembered here most likely joins its
 * request, so its client is not looked up in advance; a wrong hint costs a lookup after the read.
 */
export class RecentlyOpenRequests {
  private readonly byContact = new Map<string, string>();

  constructor(private readonly capacity = 100_000) {}

  has(contactKey: string): boolean {
    return this.byContact.has(contactKey);
  }

  requestOf(contactKey: string): string | undefined {
    return this.byContact.get(contactKey);
  }

  remember(contactKey: string, requestId: string): void {
    this.byContact.delete(contactKey);
    this.byContact.set(contactKey, requestId);
    if (this.byContact.size > this.capacity) this.byContact.delete(this.byContact.keys().next().value as string);
  }

  forget(contactKey: string): void {
    this.byContact.delete(contactKey);
  }
}
