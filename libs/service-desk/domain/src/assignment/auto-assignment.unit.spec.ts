import { DomainRuleError } from '../shared/domain-errors';
import { assignedByOf, checkAutoAssignmentSettings, chooseAssignee } from './auto-assignment';
import type { AssignmentCandidate, AssignmentChoice, AssignmentOutcome } from './auto-assignment';

const op = (id: string, openItems = 0, available = true): AssignmentCandidate => ({ id, openItems, available });

/** Runs `items` assignments in a row as the process manager does: the cursor and the counts move with each. */
function handOut(items: number, base: Omit<AssignmentChoice, 'candidates' | 'cursor'>, candidates: AssignmentCandidate[]): Map<string, number> {
  const given = new Map<string, number>();
  const open = new Map(candidates.map((c) => [c.id, c.openItems]));
  let cursor: string | undefined;
  for (let n = 0; n < items; n++) {
    const outcome = chooseAssignee({ ...base, cursor, candidates: candidates.map((c) => ({ ...c, openItems: open.get(c.id) ?? 0 })) });
    if (outcome.kind !== 'assign') continue;
    cursor = outcome.assigneeId;
    open.set(outcome.assigneeId, (open.get(outcome.assigneeId) ?? 0) + 1);
    given.set(outcome.assigneeId, (given.get(outcome.assigneeId) ?? 0) + 1);
  }
  return given;
}

describe('choosing an assignee', () => {
  describe('round robin', () => {
    it('gives the first item to the first operator in id order when there is no cursor yet', () => {
      expect(chooseAssignee({ strategy: 'round-robin', candidates: [op('b'), op('a'), op('c')] })).toEqual<AssignmentOutcome>({
        kind: 'assign',
        assigneeId: 'a',
        assignedBy: { kind: 'round-robin', openItems: 0 },
      });
    });

    it('gives the next item to the operator after the cursor, wrapping around', () => {
      const candidates = [op('a'), op('b'), op('c')];
      expect(chooseAssignee({ strategy: 'round-robin', candidates, cursor: 'a' })).toMatchObject({ assigneeId: 'b' });
      expect(chooseAssignee({ strategy: 'round-robin', candidates, cursor: 'c' })).toMatchObject({ assigneeId: 'a' });
    });

    it('continues after a cursor whose operator has left the team', () => {
      expect(chooseAssignee({ strategy: 'round-robin', candidates: [op('a'), op('c')], cursor: 'b' })).toMatchObject({ assigneeId: 'c' });
    });

    it('does not care how busy the operator in turn is', () => {
      expect(chooseAssignee({ strategy: 'round-robin', candidates: [op('a', 0), op('b', 9)], cursor: 'a' })).toMatchObject({ assigneeId: 'b' });
    });

    it('shares 100 items among 3 operators within one of each other, skipping the one away', () => {
      const given = handOut(100, { strategy: 'round-robin' }, [op('a'), op('b'), op('c'), op('d', 0, false)]);
      expect([...given.values()].sort()).toEqual([33, 33, 34]);
      expect(given.has('d')).toBe(false);
    });
  });

  describe('least loaded', () => {
    it('gives the item to the operator with the fewest open items', () => {
      expect(chooseAssignee({ strategy: 'least-loaded', candidates: [op('a', 3), op('b', 1), op('c', 2)] })).toEqual<AssignmentOutcome>({
        kind: 'assign',
        assigneeId: 'b',
        assignedBy: { kind: 'least-loaded', openItems: 1 },
      });
    });

    it('breaks ties in turn after the cursor, so equals share the work', () => {
      expect(chooseAssignee({ strategy: 'least-loaded', candidates: [op('a', 1), op('b', 1), op('c', 1)], cursor: 'a' })).toMatchObject({ assigneeId: 'b' });
    });

    it('fills up the least busy until everyone is level', () => {
      const given = handOut(6, { strategy: 'least-loaded' }, [op('a', 5), op('b', 2), op('c', 1)]);
      expect(Object.fromEntries(given)).toEqual({ b: 3, c: 3 });
    });
  });

  describe('limits', () => {
    it('passes by operators at their limit', () => {
      expect(chooseAssignee({ strategy: 'round-robin', maxOpenPerOperator: 2, candidates: [op('a', 2), op('b', 1)] })).toEqual<AssignmentOutcome>({
        kind: 'assign',
        assigneeId: 'b',
        assignedBy: { kind: 'round-robin', openItems: 1, limit: 2 },
      });
    });

    it('queues the item when everyone present is at their limit', () => {
      expect(chooseAssignee({ strategy: 'least-loaded', maxOpenPerOperator: 2, candidates: [op('a', 2), op('b', 3)] })).toEqual({
        kind: 'queue',
        reason: 'everyone-at-limit',
      });
    });

    it('never hands anyone more than the limit', () => {
      const given = handOut(100, { strategy: 'round-robin', maxOpenPerOperator: 10 }, [op('a'), op('b', 4), op('c')]);
      expect(Object.fromEntries(given)).toEqual({ a: 10, b: 6, c: 10 });
    });
  });

  describe('skills', () => {
    const skills = { a: [101], b: [101, 202] };

    it('gives an incident only to an engineer with its service once skills are configured', () => {
      expect(chooseAssignee({ strategy: 'round-robin', serviceCode: 202, skills, candidates: [op('a'), op('b'), op('c')] })).toEqual<AssignmentOutcome>({
        kind: 'assign',
        assigneeId: 'b',
        assignedBy: { kind: 'round-robin', openItems: 0, skill: 202 },
      });
    });

    it('queues an incident nobody present has the skill for', () => {
      expect(chooseAssignee({ strategy: 'round-robin', serviceCode: 303, skills, candidates: [op('a'), op('b'), op('c')] })).toEqual({
        kind: 'queue',
        reason: 'nobody-with-skill',
      });
    });

    it('lets anyone take any service while no skills are configured', () => {
      expect(chooseAssignee({ strategy: 'round-robin', serviceCode: 303, skills: {}, candidates: [op('c')] })).toMatchObject({ assigneeId: 'c' });
    });
  });

  describe('nobody available', () => {
    it('queues the item when everyone is away', () => {
      expect(chooseAssignee({ strategy: 'round-robin', candidates: [op('a', 0, false), op('b', 0, false)] })).toEqual({
        kind: 'queue',
        reason: 'nobody-available',
      });
    });

    it('queues the item when the team is empty', () => {
      expect(chooseAssignee({ strategy: 'least-loaded', candidates: [] })).toEqual({ kind: 'queue', reason: 'nobody-available' });
    });
  });
});

describe('how an assignment came about', () => {
  it('reads an event without assignedBy as a manager’s assignment, or a take when its mode says so', () => {
    expect(assignedByOf({})).toEqual({ kind: 'manual' });
    expect(assignedByOf({ mode: 'taken' })).toEqual({ kind: 'take' });
    expect(assignedByOf({ assignedBy: { kind: 'round-robin', openItems: 1 } })).toEqual({ kind: 'round-robin', openItems: 1 });
  });
});

describe('automatic assignment settings', () => {
  it('keeps a sane limit and sorted skills, dropping engineers without any', () => {
    expect(checkAutoAssignmentSettings({ mode: 'round-robin', maxOpenPerOperator: 5, skills: { a: [202, 101, 101], b: [] } }, 'work-group')).toEqual({
      mode: 'round-robin',
      maxOpenPerOperator: 5,
      skills: { a: [101, 202] },
    });
  });

  it.each([0, -1, 1.5, 1001])('refuses a limit of %s', (limit) => {
    expect(() => checkAutoAssignmentSettings({ mode: 'least-loaded', maxOpenPerOperator: limit, skills: {} }, 'department')).toThrow(DomainRuleError);
  });

  it('refuses skills for a department (requests have no service)', () => {
    expect(() => checkAutoAssignmentSettings({ mode: 'round-robin', skills: { a: [101] } }, 'department')).toThrow(
      expect.objectContaining({ rule: 'skills-only-for-work-groups' }),
    );
  });
});
