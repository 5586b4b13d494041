/** Reference data maintained outside Switchboard and synchronised in; never edited through the API. */
export interface WorkGroup {
  readonly code: number;
  readonly name: string;
  readonly email: string;
  /** Keycloak user id of the work group's manager (an SL3Manager). */
  readonly managerId: string;
}

export interface Service {
  readonly code: number;
  readonly name: string;
  readonly workGroupCode: number;
}
