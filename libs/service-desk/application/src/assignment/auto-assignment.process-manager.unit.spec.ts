import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@switchboard/eventstore';
import type { AutoAssignmentSettings } from '@switchboard/service-desk/domain';
import type { ExecuteRequestCommand } from '../commands/service-desk.commands';
import { ExecuteIncidentCommand } from '../commands/service-desk.commands';
import type { AssignmentDecision, AssignmentScope, AutoAssignmentLedger, ItemChange, QueueItemKind } from './auto-assignment.ports';
import { AutoAssignmentProcessManager } from './auto-assignment.process-manager';

const at = '2026-12-07T10:00:00.000Z';
const now = new Date(at);
let seq = 0;
const recorded = (type: string, data: object): RecordedEvent => ({
  id: `e-${++seq}`,
  type,
  data: { by: 'someone', at, ...data },
  metadata: {},
  streamId: 'x',
  revision: 0n,
  position: String(seq),
  createdAt: now,
});

/** An in-memory ledger that behaves as the PostgreSQL one. */
class MemoryLedger implements AutoAssignmentLedger {
  readonly decisions = new Map<string, AssignmentDecision>();
  readonly cursors = new Map<string, string>();
  readonly items = new Map<string, { scopeKey: string; serviceCode?: number; assigneeId?: string; open: boolean }>();
  async decisionFor(kind: QueueItemKind, id: string) {
    return this.decisions.get(`${kind}:${id}`);
  }
  async cursorOf(scope: AssignmentScope) {
    return this.cursors.get(`${scope.kind}:${scope.key}`);
  }
  async openItemsOf(kind: QueueItemKind, ids: readonly string[]) {
    const counts = new Map<string, number>();
    for (const [key, item] of this.items)
      if (key.startsWith(`${kind}:`) && item.open && item.assigneeId && ids.includes(item.assigneeId))
        counts.set(item.assigneeId, (counts.get(item.assigneeId) ?? 0) + 1);
    return counts;
  }
  async recordDecision(kind: QueueItemKind, key: string, scope: AssignmentScope, decision: AssignmentDecision, _at: Date, id: string) {
    if (!this.decisions.has(`${kind}:${key}`)) this.decisions.set(`${kind}:${key}`, decision);
    this.cursors.set(`${scope.kind}:${scope.key}`, decision.assigneeId);
    await this.trackItem(kind, id, { scopeKey: scope.key, assigneeId: decision.assigneeId });
  }
  async trackItem(kind: QueueItemKind, id: string, change: ItemChange) {
    const item = this.items.get(`${kind}:${id}`) ?? { scopeKey: '', open: true };
    const next = {
      scopeKey: change.scopeKey ?? item.scopeKey,
      serviceCode: change.serviceCode ?? item.serviceCode,
      assigneeId: change.assigneeId ?? item.assigneeId,
      open: change.open ?? item.open,
    };
    this.items.set(`${kind}:${id}`, next);
    return next.scopeKey;
  }
  async queuedIn(kind: QueueItemKind, scopeKey: string, limit: number) {
    return [...this.items]
      .filter(([key, item]) => key.startsWith(`${kind}:`) && item.scopeKey === scopeKey && item.open && !item.assigneeId)
      .slice(0, limit)
      .map(([key, item]) => ({ itemId: key.slice(kind.length + 1), serviceCode: item.serviceCode }));
  }
}

function setUp(options: { settings?: AutoAssignmentSettings; available?: string[]; queued?: boolean } = {}) {
  const sent: (ExecuteRequestCommand | ExecuteIncidentCommand)[] = [];
  const ledger = new MemoryLedger();
  const settings = options.settings ?? { mode: 'round-robin', skills: {} };
  const present = new Set(options.available ?? ['u-a', 'u-b']);
  const manager = new AutoAssignmentProcessManager(
    { execute: async (c: ExecuteRequestCommand | ExecuteIncidentCommand) => void sent.push(c) } as unknown as CommandBus,
    { get: async (scope) => ({ scope, version: 1, ...settings }), list: async () => [], save: async () => Promise.reject(new Error('unused')) },
    ledger,
    { availableAmong: async (ids) => new Set(ids.filter((id) => present.has(id))) },
    {
      operatorsOf: async () => ['u-a', 'u-b', 'u-c'],
      engineersOf: async () => ['l3-a', 'l3-b'],
      scopesOf: async (id) => (id.startsWith('u-') ? [{ kind: 'department', key: 'north' }] : [{ kind: 'work-group', key: '301' }]),
    },
    { isQueued: async () => options.queued ?? true, queuedRequestDepartment: async () => ((options.queued ?? true) ? 'north' : undefined) },
    () => now,
  );
  return { manager, sent, ledger, present };
}

const registered = (requestId: string, department = 'north') =>
  recorded('RequestRegistered', { requestId, department, contact: { channel: 'telegram', address: '1' } });

describe('the automatic assignment process manager', () => {
  it('assigns registered requests in turn among the available operators, recording round-robin', async () => {
    const { manager, sent } = setUp();
    for (const id of ['r-1', 'r-2', 'r-3']) await manager.handle(registered(id));
    expect(sent.map((c) => [c.command.type, (c as ExecuteRequestCommand).requestId, 'assigneeId' in c.command ? c.command.assigneeId : undefined])).toEqual([
      ['AutoAssignRequest', 'r-1', 'u-a'],
      ['AutoAssignRequest', 'r-2', 'u-b'],
      ['AutoAssignRequest', 'r-3', 'u-a'],
    ]);
    expect(sent[0]?.envelope).toMatchObject({ commandId: 'auto-assignment:request:r-1', origin: 'system' });
    expect(sent[0]?.command).toMatchObject({ by: 'system:auto-assignment', assignedBy: { kind: 'round-robin', openItems: 0 } });
  });

  it('re-sends the recorded decision on a replay, and moves no cursor', async () => {
    const { manager, sent, ledger } = setUp();
    const event = registered('r-1');
    await manager.handle(event);
    await manager.handle(registered('r-2'));
    const cursor = ledger.cursors.get('department:north');
    await manager.handle(event);
    expect(sent.map((c) => ('assigneeId' in c.command ? c.command.assigneeId : undefined))).toEqual(['u-a', 'u-b', 'u-a']);
    expect(sent[2]?.envelope.commandId).toBe(sent[0]?.envelope.commandId);
    expect(ledger.cursors.get('department:north')).toBe(cursor);
  });

  it('does nothing while automatic assignment is off, or for an item no longer queued', async () => {
    const off = setUp({ settings: { mode: 'off', skills: {} } });
    await off.manager.handle(registered('r-1'));
    expect(off.sent).toEqual([]);
    const taken = setUp({ queued: false });
    await taken.manager.handle(registered('r-1'));
    expect(taken.sent).toEqual([]);
  });

  it('leaves the item queued when nobody is available', async () => {
    const { manager, sent, ledger } = setUp({ available: [] });
    await manager.handle(registered('r-1'));
    expect(sent).toEqual([]);
    expect(ledger.decisions.size).toBe(0);
  });

  it('counts open items from the events, so a closed request frees its operator under the limit', async () => {
    const { manager, sent } = setUp({ settings: { mode: 'least-loaded', maxOpenPerOperator: 1, skills: {} }, available: ['u-a'] });
    await manager.handle(registered('r-1'));
    await manager.handle(recorded('RequestClosed', { requestId: 'r-1', reason: 'done', transition: { from: 'IN_PROGRESS', to: 'CLOSED' } }));
    await manager.handle(registered('r-2'));
    await manager.handle(registered('r-3'));
    expect(sent.map((c) => (c as ExecuteRequestCommand).requestId)).toEqual(['r-1', 'r-2']);
  });

  it('hands out the queue, oldest first, when someone becomes available, as far as their limit goes', async () => {
    const { manager, sent, present } = setUp({ settings: { mode: 'round-robin', maxOpenPerOperator: 2, skills: {} }, available: [] });
    for (const id of ['r-1', 'r-2', 'r-3']) await manager.handle(registered(id));
    expect(sent).toEqual([]);
    present.add('u-c');
    await manager.handle(recorded('OperatorBecameAvailable', { userId: 'u-c' }));
    expect(sent.map((c) => [(c as ExecuteRequestCommand).requestId, 'assigneeId' in c.command ? c.command.assigneeId : undefined])).toEqual([
      ['r-1', 'u-c'],
      ['r-2', 'u-c'],
    ]);
  });

  it('hands the next queued request out when one closes and frees room under the limit', async () => {
    const { manager, sent } = setUp({ settings: { mode: 'least-loaded', maxOpenPerOperator: 1, skills: {} }, available: ['u-a'] });
    for (const id of ['r-1', 'r-2', 'r-3']) await manager.handle(registered(id));
    await manager.handle(recorded('RequestClosed', { requestId: 'r-1', reason: 'done', transition: { from: 'IN_PROGRESS', to: 'CLOSED' } }));
    expect(sent.map((c) => (c as ExecuteRequestCommand).requestId)).toEqual(['r-1', 'r-2']);
  });

  it('hands out a request reopened into the queue as a new one', async () => {
    const { manager, sent } = setUp();
    await manager.handle(recorded('RequestReopened', { requestId: 'r-9', reason: 'the client wrote again', transition: { from: 'CLOSED', to: 'NEW' } }));
    await manager.handle(
      recorded('RequestReopened', { requestId: 'r-8', reason: 'the client wrote again', transition: { from: 'CLOSED', to: 'IN_PROGRESS' } }),
    );
    expect(sent.map((c) => [c.command.type, (c as ExecuteRequestCommand).requestId])).toEqual([['AutoAssignRequest', 'r-9']]);
  });

  it('gives an opened incident to an engineer with the service’s skill', async () => {
    const { manager, sent } = setUp({ settings: { mode: 'round-robin', skills: { 'l3-b': [1002] } }, available: ['l3-a', 'l3-b'] });
    await manager.handle(recorded('IncidentOpened', { incidentId: 'i-1', requestId: 'r-1', serviceCode: 1002, workGroupCode: 301 }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(ExecuteIncidentCommand);
    expect(sent[0]?.command).toMatchObject({ type: 'AutoAssignIncident', assigneeId: 'l3-b', assignedBy: { kind: 'round-robin', skill: 1002 } });
  });
});
