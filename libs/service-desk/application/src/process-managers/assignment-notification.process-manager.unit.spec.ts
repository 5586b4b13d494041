import type { RecordedEvent } from '@switchboard/eventstore';
import type { AssigneeNotice } from '../ports/assignee-notices.port';
import type { EmailMessage } from '../ports/mailer.port';
import { AssignmentNotificationProcessManager } from './assignment-notification.process-manager';

const at = '2026-12-06T10:00:00.000Z';
const recorded = (id: string, type: string, data: object): RecordedEvent => ({
  id,
  type,
  data,
  metadata: {},
  streamId: 'request-r-1',
  revision: 1n,
  position: '1',
  createdAt: new Date(at),
});

function setUp(emails: Record<string, string[]> = { 'u-agent': ['agent@example.test'] }) {
  const notices: AssigneeNotice[] = [];
  const mails: EmailMessage[] = [];
  const sent = new Set<string>();
  const manager = new AssignmentNotificationProcessManager(
    { publish: async (n) => void notices.push(n) },
    { workGroupManagers: async () => [], departmentManagers: async () => [], userEmails: async (id) => emails[id] ?? [] },
    { send: async (m) => void mails.push(m) },
    { wasSent: async (k) => sent.has(k), markSent: async (k) => void sent.add(k) },
    'https://console.example.test',
  );
  return { manager, notices, mails };
}

describe('assignment notification process manager', () => {
  const assigned = recorded('e-1', 'RequestAssigned', { requestId: 'r-1', by: 'u-manager', at, assigneeId: 'u-agent', department: 'north' });

  it('tells the assignee live and by email, with a link to the request', async () => {
    const { manager, notices, mails } = setUp();
    await manager.handle(assigned);
    expect(notices).toEqual([{ kind: 'request', id: 'r-1', assigneeId: 'u-agent', by: 'u-manager', at, eventId: 'e-1' }]);
    expect(mails).toEqual([
      {
        to: ['agent@example.test'],
        subject: 'A service request was assigned to you (request r-1)',
        text: expect.stringContaining('https://console.example.test/requests/r-1'),
      },
    ]);
  });

  it('emails once when the event is replayed', async () => {
    const { manager, mails, notices } = setUp();
    await manager.handle(assigned);
    await manager.handle(assigned);
    expect(mails).toHaveLength(1);
    expect(notices.map((n) => n.eventId)).toEqual(['e-1', 'e-1']);
  });

  it('tells nobody when the assignee took it themself', async () => {
    const { manager, notices, mails } = setUp();
    await manager.handle(recorded('e-2', 'IncidentAssigned', { incidentId: 'i-1', by: 'u-agent', at, assigneeId: 'u-agent', mode: 'taken' }));
    expect(notices).toEqual([]);
    expect(mails).toEqual([]);
  });

  it('tells an engineer of an incident, and only live when the directory has no address', async () => {
    const { manager, notices, mails } = setUp({});
    await manager.handle(recorded('e-3', 'IncidentAssigned', { incidentId: 'i-1', by: 'u-l3-manager', at, assigneeId: 'u-engineer' }));
    expect(notices).toMatchObject([{ kind: 'incident', id: 'i-1', assigneeId: 'u-engineer' }]);
    expect(mails).toEqual([]);
  });
});
