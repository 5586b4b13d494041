/** The event store the passes' streams live in. */
export const SECURITY_DESK_EVENT_STORE = Symbol('SecurityDeskEventStore');
