import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@switchboard/eventstore';
import { HealthService } from '@switchboard/platform';
import { readCheckpoints, readModelProjectionNames } from '@switchboard/read-models';
import type { IncidentEvent, RequestEvent } from '@switchboard/service-desk/domain';
import { runProjectionsCli } from './projections.cli';
import { people, startReadModelsTestApp } from './testing/read-models-test-app';
import type { ReadModelsTestApp } from './testing/read-models-test-app';

class Capture {
  readonly isTTY = false;
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

const domainEvent = (event: RequestEvent | IncidentEvent): NewEvent => ({
  id: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: { schemaVersion: 1, commandId: randomUUID(), by: event.data.by },
});

describe('projector', () => {
  let t: ReadModelsTestApp;

  beforeAll(async () => {
    t = await startReadModelsTestApp('rm_projector');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('runs every read-model projection from bootstrap as a processor, reports lag as gauges and is ready', async () => {
    const id = randomUUID();
    const result = await t.onRequest(id, {
      type: 'RegisterRequest',
      requestId: id,
      contact: { channel: 'telegram', address: '42' },
      department: 'first-line-north',
      by: 'channel:telegram',
      now: new Date(),
    });
    await t.settled(result.position);
    expect((await readCheckpoints(t.pool, readModelProjectionNames)).map((c) => [c.projection, c.version, c.position])).toEqual([
      ['incident-list', 3, result.position],
      ['problem-list', 1, result.position],
      ['request-list', 4, result.position],
      ['status-history', 4, result.position],
    ]);
    // The lag gauges refresh every 2 s: wait for the refresh that follows the catch-up.
    const caughtUp = (text: string) =>
      ['request-list', 'incident-list', 'status-history'].every((p) =>
        new RegExp(`switchboard_processor_lag_events\\{[^}]*processor="${p}"[^}]*\\} 0\\n`).test(text),
      );
    let text = await t.metrics.registry.metrics();
    for (let i = 0; i < 50 && !caughtUp(text); i++) {
      await new Promise((r) => setTimeout(r, 100));
      text = await t.metrics.registry.metrics();
    }
    for (const projection of ['request-list', 'incident-list', 'status-history']) {
      expect(text).toMatch(new RegExp(`switchboard_processor_lag_events\\{[^}]*processor="${projection}"[^}]*\\} 0\\n`));
      expect(text).toMatch(new RegExp(`switchboard_processor_lag_seconds\\{[^}]*processor="${projection}"[^}]*\\} 0\\n`));
      expect(text).toMatch(new RegExp(`switchboard_processor_active\\{[^}]*processor="${projection}"[^}]*\\} 1\\n`));
    }
    const readiness = await t.app.get(HealthService).readiness();
    expect(readiness.checks.processors).toMatchObject({
      status: 'up',
      details: { 'request-list': { state: 'running' }, 'incident-list': { state: 'running' }, 'status-history': { state: 'running' } },
    });
  });

  it('converges when an incident’s events arrive before its request’s, and a full replay changes nothing', async () => {
    const requestId = randomUUID();
    const incidentId = randomUUID();
    const by = people.hdUserNorth.userId;
    const at = new Date().toISOString();
    const early = await t.store.append(`incident-${incidentId}`, [
      domainEvent({ type: 'IncidentOpened', data: { incidentId, requestId, serviceCode: 1001, workGroupCode: 301, by: 'system:escalation', at } }),
      domainEvent({
        type: 'IncidentAssigned',
        data: { incidentId, assigneeId: people.l3UserNetwork.userId, transition: { from: 'NEW', to: 'ASSIGNED' }, by: people.l3ManagerNetwork.userId, at },
      }),
    ]);
    await t.settled(early.position);
    expect((await t.incidents.list(people.l3UserNetwork)).items.map((i) => i.id)).toEqual([incidentId]);
    expect(await t.incidents.byId(people.hdUserNorth, incidentId)).toBeUndefined();
    expect(await t.requests.byId(people.l3UserNetwork, requestId)).toBeUndefined();

    const late = await t.store.append(`request-${requestId}`, [
      domainEvent({
        type: 'RequestRegistered',
        data: { requestId, contact: { channel: 'sms', address: '+79160000042' }, department: 'first-line-north', subject: 'Late', by: 'channel:sms', at },
      }),
      domainEvent({
        type: 'RequestAssigned',
        data: { requestId, assigneeId: by, department: 'first-line-north', transition: { from: 'NEW', to: 'IN_PROGRESS' }, by, at },
      }),
      domainEvent({
        type: 'RequestEscalated',
        data: { requestId, incidentId, serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' }, by, at },
      }),
    ]);
    await t.settled(late.position);
    const asOwner = await t.requests.byId(people.hdUserNorth, requestId);
    expect(asOwner).toMatchObject({ state: 'ESCALATED', incident: { id: incidentId, state: 'ASSIGNED' }, workGroup: { code: 301, name: 'Network L3' } });
    expect(asOwner?.incidents.map((i) => i.id)).toEqual([incidentId]);
    expect((await t.requests.byId(people.l3UserNetwork, requestId))?.access).toBe('read');

    // Replay everything from the start: every row already has those revisions, so nothing moves.
    const historyRows = async (): Promise<number> => (await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rm_status_history')).rows[0].n;
    const [requestBefore, incidentBefore, historyBefore] = [asOwner, await t.incidents.byId(people.l3UserNetwork, incidentId), await historyRows()];
    await t.pool.query(`UPDATE processor_checkpoints SET position = NULL WHERE processor IN ('request-list', 'incident-list', 'status-history')`);
    const again = await t.store.append(`request-${requestId}`, [
      domainEvent({
        type: 'MessageReceived',
        data: { requestId, messageId: 'sms-9', channel: 'sms', text: 'any news?', attachments: [], receivedAt: at, by: 'channel:sms', at },
      }),
    ]);
    await t.settled(again.position);
    const requestAfter = await t.requests.byId(people.hdUserNorth, requestId);
    expect({ ...(await t.incidents.byId(people.l3UserNetwork, incidentId)), request: null }).toEqual({ ...incidentBefore, request: null });
    expect(await historyRows()).toBe(historyBefore);
    expect(requestAfter?.revision).toBe((requestBefore?.revision ?? 0) + 1);
    expect(requestAfter?.statusHistory).toEqual(requestBefore?.statusHistory);
    expect(requestAfter?.conversation.map((m) => m.text)).toEqual(['any news?']);
    expect(requestAfter?.messageCount).toBe(1);
  });

  it('prints each projection’s checkpoint and lag, and rebuilds one with a swap while queries keep answering', async () => {
    for (let i = 0; i < 150; i++) {
      const requestId = randomUUID();
      const at = new Date(Date.now() - i * 1000).toISOString();
      await t.store.append(`request-${requestId}`, [
        domainEvent({
          type: 'RequestRegistered',
          data: { requestId, contact: { channel: 'esb', address: `crm-${i}` }, department: 'first-line-south', by: 'channel:esb', at },
        }),
        domainEvent({
          type: 'MessageReceived',
          data: { requestId, messageId: `esb-${i}`, channel: 'esb', text: `order ${i} failed`, attachments: [], receivedAt: at, by: 'channel:esb', at },
        }),
      ]);
    }
    const markId = randomUUID();
    const mark = await t.onRequest(markId, {
      type: 'RegisterRequest',
      requestId: markId,
      contact: { channel: 'esb', address: 'crm-x' },
      department: 'first-line-south',
      by: 'channel:esb',
      now: new Date(),
    });
    await t.settled(mark.position);
    const south = people.hdManagerSouth;
    const expected = (await t.requests.list(south, { limit: 100 })).items.map((r) => r.id);
    expect(expected).toHaveLength(100);

    const status = { stdout: new Capture(), stderr: new Capture() };
    expect(await runProjectionsCli(['status'], { ...status, env: { DATABASE_URL: t.db.url } })).toBe(0);
    expect(status.stdout.text).toMatch(/^PROJECTION +VERSION +CHECKPOINT +APPLIED +LAG EVENTS +LAG +UPDATED\n/);
    expect(status.stdout.text).toMatch(new RegExp(`\\nrequest-list +4 +${mark.position} +\\d+ +0 +0:00 `));

    let reading = true;
    const answers: boolean[] = [];
    const reader = (async () => {
      while (reading) {
        const page = await t.requests.list(south, { limit: 100 });
        answers.push(page.items.length === 100 && page.items.every((r, i) => r.id === expected[i]));
      }
    })();
    const rebuild = { stdout: new Capture(), stderr: new Capture() };
    const rebuilt = await runProjectionsCli(['rebuild', 'request-list'], { ...rebuild, env: { DATABASE_URL: t.db.url } });
    if (rebuilt !== 0) throw new Error(rebuild.stderr.text);
    reading = false;
    await reader;

    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every(Boolean)).toBe(true);
    expect(rebuild.stderr.text).toMatch(/^request-list: 0% \(0\/\d+ events, \d+ events\/s, ETA/);
    expect(rebuild.stderr.text).toMatch(/\nrequest-list: 100% \(/);
    expect(rebuild.stdout.text).toMatch(/^rebuilt request-list v4: \d+ events in [\d.]+ s/);
    expect((await t.requests.list(south, { limit: 100 })).items.map((r) => r.id)).toEqual(expected);

    // The live runner carries on from the swapped-in checkpoint.
    const after = randomUUID();
    const next = await t.onRequest(after, {
      type: 'RegisterRequest',
      requestId: after,
      contact: { channel: 'esb', address: 'crm-y' },
      department: 'first-line-south',
      by: 'channel:esb',
      now: new Date(),
    });
    await t.settled(next.position);
    expect((await t.requests.list(south, { limit: 1 })).items[0].id).toBe(after);

    const unknown = { stdout: new Capture(), stderr: new Capture() };
    expect(await runProjectionsCli(['rebuild', 'requests'], { ...unknown, env: { DATABASE_URL: t.db.url } })).toBe(2);
    expect(unknown.stderr.text).toContain('unknown projection "requests" (one of request-list, incident-list, status-history, problem-list)');
  });
});
