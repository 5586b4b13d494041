/** Wakes the dispatcher for a booked communication at its time; durable (survives restarts), fired at least once. */
export interface BookingTimers {
  wakeAt(communicationId: string, at: Date): Promise<void>;
}

export const BOOKING_TIMERS = Symbol('BookingTimers');
