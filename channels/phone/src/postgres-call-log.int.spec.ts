import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import type { CallEvent } from './call-event';
import type { CallRecord } from './call-log';
import { phoneMissedCallsSchema } from './phone-missed-calls.migration';
import { phoneCallsSchema } from './phone.migration';
import { PostgresCallLog } from './postgres-call-log';

const caller = '+79161234567';
const t0 = new Date('2026-11-25T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const settle = <T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))]);

describe('the PostgreSQL call log', () => {
  let db: TestDatabase;
  let pool: Pool;
  let calls: PostgresCallLog;

  const event = (callId: string, kind: CallEvent['event'], seconds: number, agent?: string): CallEvent => ({
    callId,
    event: kind,
    from: caller,
    to: '+74950000000',
    at: at(seconds),
    ...(agent ? { agent } : {}),
  });
  const record = (e: CallEvent, graceSeconds = 60) => calls.record(e, caller, graceSeconds);

  beforeAll(async () => {
    db = await createTestDatabase('call_log');
    pool = new Pool({ connectionString: db.url, max: 6 });
    // An idle connection ended by the server (the forced drop at the end) is no failure of these tests.
    pool.on('error', () => undefined);
    for (const statement of [...phoneCallsSchema, ...phoneMissedCallsSchema]) await pool.query(statement);
    calls = new PostgresCallLog(pool);
  });

  beforeEach(() => pool.query('TRUNCATE phone_calls'));

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('reads events by their own time: ringing, hangup, then an earlier answer make an answered call nobody will declare missed', async () => {
    const callId = randomUUID();
    await record(event(callId, 'ringing', 0));
    const hungUp = await record(event(callId, 'hangup', 30));
    expect(hungUp).toMatchObject({ ringingAt: at(0), endedAt: at(30) });
    expect(await calls.nextMissedCallDueInMs()).toBeGreaterThan(50_000);

    const answered = await record(event(callId, 'answered', 5, 'hd.user.north'));
    expect(answered).toMatchObject({ ringingAt: at(0), answeredAt: at(5), answeredBy: 'hd.user.north', endedAt: at(30) });
    expect(answered.missedAt).toBeUndefined();
    expect(await calls.nextMissedCallDueInMs()).toBeUndefined();
  });

  it('keeps the earliest answer and the operator who gave it, whatever order the answers arrive in', async () => {
    const callId = randomUUID();
    await record(event(callId, 'answered', 9, 'hd.user.north2'));
    await record(event(callId, 'answered', 4, 'hd.user.north'));
    await record(event(callId, 'answered', 7, 'hd.user.south'));
    expect(await calls.find(callId)).toMatchObject({ answeredAt: at(4), answeredBy: 'hd.user.north', agent: 'hd.user.south' });
  });

  it('never makes a call answered before its hangup arrived due to be missed, and keeps the first deadline of a repeated hangup', async () => {
    const answeredFirst = randomUUID();
    await record(event(answeredFirst, 'answered', 5, 'hd.user.north'));
    await record(event(answeredFirst, 'hangup', 60), 0);
    expect(await calls.nextMissedCallDueInMs()).toBeUndefined();

    const repeated = randomUUID();
    await record(event(repeated, 'hangup', 30), 60);
    const first = await calls.nextMissedCallDueInMs();
    await record(event(repeated, 'hangup', 30), 3_600);
    expect(await calls.nextMissedCallDueInMs()).toBeLessThanOrEqual(first ?? 0);
  });

  it('declares a call missed once its grace has run out, records the request it became, and never again', async () => {
    const waiting = randomUUID();
    const due = randomUUID();
    await record(event(waiting, 'hangup', 30), 60);
    await record(event(due, 'hangup', 30), 0);
    const declared: string[] = [];
    const requestId = randomUUID();
    expect(await calls.declareNextMissedCall(async (call) => (declared.push(call.callId), requestId))).toBe(true);
    expect(await calls.declareNextMissedCall(async (call) => (declared.push(call.callId), randomUUID()))).toBe(false);
    expect(declared).toEqual([due]);
    expect(await calls.find(due)).toMatchObject({ requestId, missedAt: expect.any(Date) });
    expect(await calls.find(waiting)).not.toHaveProperty('missedAt');
  });

  it('hands each due call to one of several processes sweeping at once', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await record(event(id, 'hangup', 30), 0);
    const declared: string[] = [];
    const sweep = async (): Promise<void> => {
      while (
        await calls.declareNextMissedCall(async (call) => {
          declared.push(call.callId);
          await new Promise((r) => setTimeout(r, 50));
          return randomUUID();
        })
      );
    };
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(declared.sort()).toEqual([...ids].sort());
  });

  it('makes an answer arriving while its call is being declared missed wait, and then see that it was', async () => {
    const callId = randomUUID();
    await record(event(callId, 'ringing', 0));
    await record(event(callId, 'hangup', 30), 0);
    let release: (requestId: string) => void = () => undefined;
    const storing = new Promise<string>((resolve) => (release = resolve));
    let declaring!: (value: unknown) => void;
    const taken = new Promise((resolve) => (declaring = resolve));
    const declared = calls.declareNextMissedCall((call) => (declaring(call), storing));
    await taken;

    const answer = record(event(callId, 'answered', 5, 'hd.user.north'));
    // Were the answer not held back, it would land now, before the missed-call request exists, and nobody would close it.
    expect(await settle(answer, 500)).toBe('pending');
    const requestId = randomUUID();
    release(requestId);
    expect(await declared).toBe(true);
    expect(await answer).toMatchObject<Partial<CallRecord>>({ answeredAt: at(5), requestId, missedAt: expect.any(Date) });
  });

  it('skips a call whose storing failed until it is postponed to, and goes on with the others', async () => {
    const failing = randomUUID();
    await record(event(failing, 'hangup', 30), 0);
    await expect(calls.declareNextMissedCall(async () => Promise.reject(new Error('intake down')))).rejects.toThrow('intake down');
    expect(await calls.find(failing)).not.toHaveProperty('missedAt');
    await calls.postponeMissedCall(failing, 60);
    const next = randomUUID();
    await record(event(next, 'hangup', 31), 0);
    const declared: string[] = [];
    while (await calls.declareNextMissedCall(async (call) => (declared.push(call.callId), randomUUID())));
    expect(declared).toEqual([next]);
    expect(await calls.nextMissedCallDueInMs()).toBeGreaterThan(50_000);
  });
});
