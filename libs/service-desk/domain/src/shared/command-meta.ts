/** What every command carries: who acts and when; deciders never read a clock. */
export interface CommandMeta {
  /** Keycloak user id, or `system:<process>` for process managers, or `channel:<name>` for intake. */
  readonly by: string;
  readonly now: Date;
}
