/** The event store the communications' streams live in (the same store as every context's, provided by the app). */
export const COMMUNICATIONS_EVENT_STORE = Symbol('CommunicationsEventStore');
