import { fold } from '../decider';
import type { Decider } from '../decider';

/** given(events).when(command).then(events | error): the one shape of every decider test. */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            then(expected: readonly E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(errorType: new (...args: never[]) => Error, properties: Record<string, unknown> = {}) {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(errorType);
              expect(caught).toMatchObject(properties);
            },
          };
        },
      };
    },
  };
}
