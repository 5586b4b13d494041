import type { Decider } from '../shared/decider';
import type { ProblemCommand } from './problem.commands';
import { decideProblem, evolveProblem } from './problem.decider';
import type { ProblemEvent } from './problem.events';
import { initialProblemState } from './problem.state';
import type { ProblemState } from './problem.state';

export const problemDecider: Decider<ProblemCommand, ProblemEvent, ProblemState> = {
  decide: decideProblem,
  evolve: evolveProblem,
  initialState: initialProblemState,
};

export const problemStreamId = (problemId: string): string => `problem-${problemId}`;
