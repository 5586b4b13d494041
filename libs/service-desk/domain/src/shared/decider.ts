/** The shape of an event-sourced entity: decide what a command means, evolve state by events. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  readonly initialState: State;
}

export const fold = <C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S => events.reduce(decider.evolve, decider.initialState);
