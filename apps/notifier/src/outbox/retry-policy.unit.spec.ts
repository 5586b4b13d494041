import { retryDelayMs } from './retry-policy';

const policy = { maxAttempts: 8, baseMs: 1000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles the delay with every attempt', () => {
    const fixed = () => 1;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt, fixed))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(policy, 30, () => 1)).toBe(60_000);
  });

  it('keeps half the delay fixed and randomises the other half', () => {
    expect(retryDelayMs(policy, 3, () => 0)).toBe(2000);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(3000);
  });
});
