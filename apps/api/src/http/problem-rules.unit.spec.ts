import type { ProblemException } from '@switchboard/platform';
import { notFound, problemFor, translateError } from './problem-rules';

class GoneError extends Error {}
class VanishedError extends GoneError {}
class StaleError extends Error {
  constructor(readonly actual: number) {
    super('stale');
  }
}

describe('problem rules', () => {
  const rules = [
    problemFor(VanishedError, () => ({ type: 'https://switchboard.dev/problems/conflict', title: 'vanished', status: 409 })),
    problemFor([GoneError, StaleError], notFound('gone')),
    problemFor(StaleError, async (e) => ({ type: 'never', title: `stale ${e.actual}`, status: 409 })),
  ];

  it('answer with the first rule whose error class matches, subclasses included', async () => {
    expect(((await translateError(rules, new VanishedError('x'))) as ProblemException).problem).toMatchObject({ title: 'vanished', status: 409 });
    expect(((await translateError(rules, new GoneError('the thing is gone'))) as ProblemException).problem).toEqual({
      type: 'https://switchboard.dev/problems/not-found',
      title: 'gone',
      status: 404,
      detail: 'the thing is gone',
    });
    expect(((await translateError(rules, new StaleError(3))) as ProblemException).problem.title).toBe('gone');
  });

  it('leave an error no rule knows as it is, for the global filter', async () => {
    const unknown = new RangeError('boom');
    expect(await translateError(rules, unknown)).toBe(unknown);
  });
});
