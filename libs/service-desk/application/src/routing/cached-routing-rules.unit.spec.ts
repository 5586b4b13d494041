import type { RoutingRule } from '@switchboard/service-desk/domain';
import { CachedRoutingRules } from './cached-routing-rules';

const rule = (id: string, enabled = true): RoutingRule => ({ id, name: id, enabled, conditions: {}, outcome: { department: 'north' } });

describe('cached routing rules', () => {
  let now = 0;
  let loads = 0;
  let stored: RoutingRule[] = [];
  let failing = false;
  const cache = () =>
    new CachedRoutingRules(
      async () => {
        loads++;
        if (failing) throw new Error('database down');
        return stored;
      },
      5_000,
      () => now,
    );

  beforeEach(() => {
    now = 0;
    loads = 0;
    stored = [rule('a'), rule('b', false)];
    failing = false;
  });

  it('reads the rules once per TTL and keeps only the enabled ones', async () => {
    const rules = cache();
    expect((await rules.current()).map((r) => r.id)).toEqual(['a']);
    now = 4_999;
    await rules.current();
    expect(loads).toBe(1);
    now = 5_000;
    stored = [rule('c')];
    expect((await rules.current()).map((r) => r.id)).toEqual(['c']);
    expect(loads).toBe(2);
  });

  it('reads afresh after invalidate, also when the change came while a read was under way', async () => {
    const rules = cache();
    const reading = rules.current();
    rules.invalidate();
    await reading;
    stored = [rule('c')];
    expect((await rules.current()).map((r) => r.id)).toEqual(['c']);
  });

  it('keeps the rules it had when a reload fails', async () => {
    const rules = cache();
    await rules.current();
    failing = true;
    now = 10_000;
    expect((await rules.current()).map((r) => r.id)).toEqual(['a']);
  });
});
