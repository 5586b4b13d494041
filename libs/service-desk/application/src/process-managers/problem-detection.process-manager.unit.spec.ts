import type { CommandBus } from '@nestjs/cqrs';
import { comparePositions } from '@switchboard/eventstore';
import type { RecordedEvent } from '@switchboard/eventstore';
import { IllegalTransitionError } from '@switchboard/service-desk/domain';
import type { ExecuteProblemCommand } from '../commands/service-desk.commands';
import type { ProblemDetectionLedger } from '../problems/problem-detection.ports';
import { ProblemDetectionProcessManager } from './problem-detection.process-manager';

/** The ledger's "as of a position" answers, in memory. */
class MemoryLedger implements ProblemDetectionLedger {
  readonly incidents = new Map<string, { serviceCode: number; openedAt: Date; position: string }>();
  readonly problems = new Map<string, { serviceCode: number; opened: string; closed?: string }>();
  async recordIncident(i: { incidentId: string; serviceCode: number; openedAt: Date; position: string }) {
    if (!this.incidents.has(i.incidentId)) this.incidents.set(i.incidentId, i);
  }
  async recordProblemOpened(problemId: string, serviceCode: number, position: string) {
    if (!this.problems.has(problemId)) this.problems.set(problemId, { serviceCode, opened: position });
  }
  async recordProblemClosed(problemId: string, position: string) {
    const p = this.problems.get(problemId);
    if (p && !p.closed) p.closed = position;
  }
  async openProblemAt(serviceCode: number, position: string) {
    const open = [...this.problems.entries()].filter(
      ([, p]) => p.serviceCode === serviceCode && comparePositions(p.opened, position) < 0 && (!p.closed || comparePositions(p.closed, position) > 0),
    );
    return open.sort(([, a], [, b]) => comparePositions(b.opened, a.opened))[0]?.[0];
  }
  async incidentsInWindow(serviceCode: number, from: Date, position: string) {
    const lastClosed = [...this.problems.values()]
      .filter((p) => p.serviceCode === serviceCode && p.closed && comparePositions(p.closed, position) <= 0)
      .map((p) => p.closed as string)
      .sort(comparePositions)
      .at(-1);
    return [...this.incidents.entries()]
      .filter(
        ([, i]) =>
          i.serviceCode === serviceCode &&
          i.openedAt >= from &&
          comparePositions(i.position, position) <= 0 &&
          (!lastClosed || comparePositions(i.position, lastClosed) > 0),
      )
      .sort(([, a], [, b]) => comparePositions(a.position, b.position))
      .map(([id]) => id);
  }
}

let seq = 0;
const event = (type: string, data: object): RecordedEvent => {
  seq += 1;
  return { id: `e-${seq}`, type, data, metadata: {}, streamId: 'x', revision: 0n, position: `1:${seq}`, createdAt: new Date() };
};
const base = Date.parse('2026-12-07T00:00:00Z');
const incidentOpened = (incidentId: string, serviceCode: number, minutes: number) =>
  event('IncidentOpened', {
    incidentId,
    serviceCode,
    requestId: `r-${incidentId}`,
    workGroupCode: 301,
    by: 'system:escalation',
    at: new Date(base + minutes * 60_000).toISOString(),
  });

function setUp(threshold = { incidents: 3, windowMinutes: 10 }) {
  const sent: ExecuteProblemCommand[] = [];
  const bus = { execute: async (c: ExecuteProblemCommand) => void sent.push(c) } as unknown as CommandBus;
  const ledger = new MemoryLedger();
  const manager = new ProblemDetectionProcessManager(
    bus,
    ledger,
    async () => threshold,
    () => new Date(base),
  );
  const run = async (...events: RecordedEvent[]) => {
    for (const e of events) await manager.handle(e);
  };
  return { sent, ledger, run };
}

const summary = (c: ExecuteProblemCommand) => ({
  problemId: c.problemId,
  type: c.command.type,
  ids: 'incidentIds' in c.command ? [...c.command.incidentIds] : undefined,
  commandId: c.envelope.commandId,
});

describe('problem detection process manager', () => {
  it('opens a problem when the threshold of incidents of one service opens within the window, linking them', async () => {
    const { sent, run } = setUp();
    await run(incidentOpened('i-1', 1001, 0), incidentOpened('x-1', 2002, 1), incidentOpened('i-2', 1001, 2));
    const third = incidentOpened('i-3', 1001, 4);
    expect(sent).toEqual([]);
    await run(third);
    expect(sent.map(summary)).toEqual([
      { problemId: sent[0].problemId, type: 'OpenProblem', ids: undefined, commandId: `problem-detection:open:${third.id}` },
      { problemId: sent[0].problemId, type: 'LinkIncidentsToProblem', ids: ['i-1', 'i-2', 'i-3'], commandId: `problem-detection:link:${third.id}` },
    ]);
    expect(sent[0].command).toMatchObject({ serviceCode: 1001, origin: 'automatic', by: 'system:problem-detection' });
  });

  it('does not count incidents older than the window', async () => {
    const { sent, run } = setUp();
    await run(incidentOpened('i-1', 1001, 0), incidentOpened('i-2', 1001, 11), incidentOpened('i-3', 1001, 12));
    expect(sent).toEqual([]);
    await run(incidentOpened('i-4', 1001, 13));
    expect(sent.map(summary)[1].ids).toEqual(['i-2', 'i-3', 'i-4']);
  });

  it('links later incidents of the service to the open problem, one by one', async () => {
    const { sent, run } = setUp();
    await run(incidentOpened('i-1', 1001, 0), incidentOpened('i-2', 1001, 1), incidentOpened('i-3', 1001, 2));
    const problemId = sent[0].problemId;
    await run(event('ProblemOpened', { problemId, serviceCode: 1001, title: 't', origin: 'automatic', by: 'system:problem-detection', at: '' }));
    await run(incidentOpened('i-4', 1001, 30));
    expect(sent.map(summary).slice(2)).toEqual([
      { problemId, type: 'LinkIncidentsToProblem', ids: ['i-4'], commandId: expect.stringMatching(/^problem-detection:link:/) },
    ]);
  });

  it('links new incidents to a problem a manager opened by hand', async () => {
    const { sent, run } = setUp();
    await run(event('ProblemOpened', { problemId: 'p-manual', serviceCode: 1001, title: 't', origin: 'manual', by: 'u', at: '' }));
    await run(incidentOpened('i-1', 1001, 0));
    expect(sent.map(summary)).toEqual([{ problemId: 'p-manual', type: 'LinkIncidentsToProblem', ids: ['i-1'], commandId: expect.any(String) }]);
  });

  it('counts afresh once the problem is closed', async () => {
    const { sent, run } = setUp();
    await run(incidentOpened('i-1', 1001, 0), incidentOpened('i-2', 1001, 1), incidentOpened('i-3', 1001, 2));
    const first = sent[0].problemId;
    await run(event('ProblemClosed', { problemId: first, serviceCode: 1001, resolution: 'r', by: 'u', at: '', transition: { from: 'OPEN', to: 'CLOSED' } }));
    await run(incidentOpened('i-4', 1001, 3), incidentOpened('i-5', 1001, 4));
    expect(sent).toHaveLength(2);
    await run(incidentOpened('i-6', 1001, 5));
    const second = sent[2].problemId;
    expect(second).not.toBe(first);
    expect(sent.map(summary)[3].ids).toEqual(['i-4', 'i-5', 'i-6']);
  });

  it('decides the same on a replay of the same events: the same problem id and command ids, never a second problem', async () => {
    const { sent, run } = setUp();
    const history = [incidentOpened('i-1', 1001, 0), incidentOpened('i-2', 1001, 1), incidentOpened('i-3', 1001, 2), incidentOpened('i-4', 1001, 3)];
    await run(...history);
    const firstRun = sent.map(summary);
    await run(event('ProblemOpened', { problemId: firstRun[0].problemId, serviceCode: 1001, title: 't', origin: 'automatic', by: 's', at: '' }));
    sent.length = 0;
    // The checkpoint reset: the same events again, the ledger knowing everything that came after.
    await run(...history);
    expect(sent.map(summary)).toEqual(firstRun);
    expect(new Set(firstRun.map((c) => c.problemId)).size).toBe(1);
  });

  it('leaves an incident alone when its problem closed before the process manager got to it', async () => {
    const sent: ExecuteProblemCommand[] = [];
    const bus = {
      execute: async (c: ExecuteProblemCommand) => {
        if (c.command.type === 'LinkIncidentsToProblem') throw new IllegalTransitionError('problem', c.command.type, 'CLOSED', ['OPEN', 'RESOLVED']);
        sent.push(c);
      },
    } as unknown as CommandBus;
    const manager = new ProblemDetectionProcessManager(bus, new MemoryLedger(), async () => ({ incidents: 3, windowMinutes: 10 }));
    await manager.handle(event('ProblemOpened', { problemId: 'p-closed-later', serviceCode: 1001, title: 't', origin: 'manual', by: 'u', at: '' }));
    await expect(manager.handle(incidentOpened('i-late', 1001, 0))).resolves.toBeUndefined();
  });
});
