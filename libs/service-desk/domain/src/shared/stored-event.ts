/** An event as a store or a subscription hands it over: a type name and data it has not checked. */
export interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
}
