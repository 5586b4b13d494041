import { backoffDelayMs } from './backoff';

describe('backoff with equal jitter', () => {
  const policy = { baseMs: 1_000, maxMs: 30_000 };

  it('doubles from the base delay and stops growing at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((failures) => backoffDelayMs(policy, failures, 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('keeps every delay between half the ceiling and the ceiling, whatever the random number', () => {
    for (let failures = 1; failures <= 40; failures++) {
      const ceiling = Math.min(30_000, 1_000 * 2 ** (failures - 1));
      for (const random of [0, 0.25, 0.5, 0.999_999, -1, 2]) {
        const delay = backoffDelayMs(policy, failures, random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('treats the first failure as the base delay and a huge count as the cap', () => {
    expect(backoffDelayMs(policy, 0, 0)).toBe(500);
    expect(backoffDelayMs(policy, 10_000, 0)).toBe(15_000);
  });
});
