import { batchWaitMs, decideAfterFailure, isTransientError, timeToParkMs } from './processing-policy';

describe('batching', () => {
  const policy = { maxEvents: 500, maxWaitMs: 50, lingerMs: 2 };

  it('waits for the next event no longer than the linger time while the batch is young', () => {
    expect(batchWaitMs(policy, 1, 1_000, 1_000)).toBe(2);
    expect(batchWaitMs(policy, 10, 1_000, 1_030)).toBe(2);
  });

  it('waits only what is left of the longest wait near its end', () => {
    expect(batchWaitMs(policy, 10, 1_000, 1_049)).toBe(1);
  });

  it('closes the batch when it is full or its longest wait is over', () => {
    expect(batchWaitMs(policy, 500, 1_000, 1_000)).toBe(0);
    expect(batchWaitMs(policy, 10, 1_000, 1_050)).toBe(0);
    expect(batchWaitMs(policy, 10, 1_000, 5_000)).toBe(0);
  });

  it('closes a batch of one at once when batches are of one event', () => {
    expect(batchWaitMs({ maxEvents: 1, maxWaitMs: 0, lingerMs: 0 }, 1, 0, 0)).toBe(0);
  });
});

describe('failures', () => {
  const policy = { baseMs: 500, maxMs: 30_000, maxAttempts: 20 };

  it('looks for the failing event one by one when a batch fails for a reason of its own', () => {
    expect(decideAfterFailure(policy, { failures: 1, counted: 1 }, false, 40, 0.5)).toEqual({ action: 'isolate' });
  });

  it('retries one event with growing delays until its attempts run out, then parks it', () => {
    expect(decideAfterFailure(policy, { failures: 1, counted: 1 }, false, 1, 1)).toEqual({ action: 'retry', delayMs: 500 });
    expect(decideAfterFailure(policy, { failures: 5, counted: 5 }, false, 1, 1)).toEqual({ action: 'retry', delayMs: 8_000 });
    expect(decideAfterFailure(policy, { failures: 19, counted: 19 }, false, 1, 1)).toEqual({ action: 'retry', delayMs: 30_000 });
    expect(decideAfterFailure(policy, { failures: 20, counted: 20 }, false, 1, 1)).toEqual({ action: 'park' });
  });

  it('waits out a transient failure for as long as it lasts, batch or not, and never parks for it', () => {
    expect(decideAfterFailure(policy, { failures: 500, counted: 0 }, true, 1, 1)).toEqual({ action: 'retry', delayMs: 30_000 });
    expect(decideAfterFailure(policy, { failures: 1, counted: 0 }, true, 300, 0)).toEqual({ action: 'retry', delayMs: 250 });
    expect(decideAfterFailure(policy, { failures: 60, counted: 19 }, true, 1, 0)).toEqual({ action: 'retry', delayMs: 15_000 });
  });

  it("gives the process managers' defaults minutes before parking: a 30 s outage is far from it", () => {
    const { min, max } = timeToParkMs(policy);
    expect(min).toBeGreaterThan(3 * 60_000);
    expect(max).toBeLessThan(8 * 60_000);
  });

  it('tells connection and service outages from failures of the event itself', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });
    const pgDown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const smtpBusy = Object.assign(new Error('421 try later'), { code: 'EENVELOPE', responseCode: 421 });
    const wrapped = new Error('could not open the incident', { cause: Object.assign(new Error('x'), { code: '08006' }) });
    expect([refused, pgDown, smtpBusy, wrapped, Object.assign(new Error('broker gone'), { transient: true })].map(isTransientError)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    const rejected = Object.assign(new Error('550 no such user'), { responseCode: 550 });
    const constraint = Object.assign(new Error('violates check constraint'), { code: '23514' });
    expect([new Error('service 9999 has left the catalogue'), rejected, constraint, 'a string', undefined].map(isTransientError)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
