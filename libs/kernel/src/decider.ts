/** The shape of an event-sourced entity: decide what a command means, evolve state by events. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  readonly initialState: State;
  /**
   * Event types the system records for its own bookkeeping (an SLA clock, a timer's mark): they never
   * make what a person saw stale, so a command naming the revision before them (If-Match) still goes.
   */
  readonly bookkeeping?: readonly string[];
}

export const fold = <C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S => events.reduce(decider.evolve, decider.initialState);
