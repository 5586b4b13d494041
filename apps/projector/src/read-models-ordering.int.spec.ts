import { randomUUID } from 'node:crypto';
import { people, startReadModelsTestApp } from './testing/read-models-test-app';
import type { ReadModelsTestApp } from './testing/read-models-test-app';

/**
 * Revisions past 9 sort as numbers, not as text (0, 1, 10, 11, 2 …): every list of a request or an
 * incident in stream order, with more than ten revisions in each stream.
 */
describe('read models keep the order of a stream past revision 9', () => {
  let t: ReadModelsTestApp;
  const at = (n: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, n));
  const manager = people.hdManagerNorth;

  beforeAll(async () => {
    t = await startReadModelsTestApp('rm_ordering');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists a conversation of twelve messages and a history of twelve changes in revision order', async () => {
    const id = randomUUID();
    await t.onRequest(id, {
      type: 'RegisterRequest',
      requestId: id,
      contact: { channel: 'sms', address: '+79161234567' },
      department: 'first-line-north',
      by: 'channel:sms',
      now: at(0),
    });
    for (let i = 1; i <= 12; i++) {
      await t.onRequest(id, {
        type: 'ReceiveMessage',
        message: { messageId: `sms-${i}`, text: `message ${i}`, receivedAt: at(i) },
        by: 'channel:sms',
        now: at(i),
      });
    }
    const assignees = [people.hdUserNorth, people.hdUserNorth2];
    let last = null as string | null;
    for (let i = 0; i < 12; i++) {
      last = (await t.onRequest(id, { type: 'AssignRequest', assigneeId: assignees[i % 2].userId, by: manager.userId, now: at(20 + i) })).position;
    }
    await t.settled(last);

    const request = await t.requests.byId(manager, id);
    const conversation = request?.conversation ?? [];
    expect(conversation.map((m) => m.text)).toEqual(Array.from({ length: 12 }, (_, i) => `message ${i + 1}`));
    expect(conversation.map((m) => m.revision)).toEqual([...conversation.map((m) => m.revision)].sort((a, b) => a - b));
    const history = request?.history ?? [];
    expect(history).toHaveLength(13);
    expect(history.map((h) => h.revision)).toEqual([0, ...Array.from({ length: 12 }, (_, i) => 13 + i)]);
  });

  it('lists an incident’s status history and narrative of more than ten entries in revision order', async () => {
    const requestId = randomUUID();
    const incidentId = randomUUID();
    await t.onRequest(requestId, {
      type: 'RegisterRequest',
      requestId,
      contact: { channel: 'sms', address: '+79035550101' },
      department: 'first-line-north',
      by: 'channel:sms',
      now: at(0),
    });
    await t.onRequest(requestId, { type: 'AssignRequest', assigneeId: people.hdUserNorth.userId, by: manager.userId, now: at(1) });
    await t.onRequest(requestId, { type: 'EscalateRequest', incidentId, serviceCode: 1001, by: people.hdUserNorth.userId, now: at(2) });
    const engineer = people.l3UserNetwork.userId;
    await t.onIncident(incidentId, { type: 'OpenIncident', incidentId, requestId, serviceCode: 1001, workGroupCode: 301, by: 'system:escalation', now: at(3) });
    await t.onIncident(incidentId, { type: 'StartIncident', by: engineer, now: at(4) });
    let last = null as string | null;
    for (let i = 0; i < 6; i++) {
      await t.onIncident(incidentId, { type: 'PutIncidentOnHold', reason: `wait ${i}`, by: engineer, now: at(10 + 3 * i) });
      await t.onIncident(incidentId, { type: 'AddNarrative', narrativeId: randomUUID(), text: `note ${i}`, by: engineer, now: at(11 + 3 * i) });
      last = (await t.onIncident(incidentId, { type: 'ResumeIncident', by: engineer, now: at(12 + 3 * i) })).position;
    }
    for (let i = 6; i < 12; i++)
      last = (await t.onIncident(incidentId, { type: 'AddNarrative', narrativeId: randomUUID(), text: `note ${i}`, by: engineer, now: at(40 + i) })).position;
    await t.settled(last);

    const incident = await t.incidents.byId(people.l3ManagerNetwork, incidentId);
    expect(incident?.narrative.map((n) => n.text)).toEqual(Array.from({ length: 12 }, (_, i) => `note ${i}`));
    const states = incident?.statusHistory.map((s) => s.to) ?? [];
    expect(states).toEqual(['NEW', 'IN_WORK', ...Array.from({ length: 6 }, () => ['ON_HOLD', 'IN_WORK']).flat()]);
    const revisions = incident?.statusHistory.map((s) => s.revision) ?? [];
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(incident?.history.filter((h) => h.reason !== null).map((h) => h.reason)).toEqual(Array.from({ length: 6 }, (_, i) => `wait ${i}`));
  });
});
