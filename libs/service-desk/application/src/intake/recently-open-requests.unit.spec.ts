import { RecentlyOpenRequests } from './recently-open-requests';

describe('recently open requests', () => {
  it('remembers contacts and forgets the least recently remembered beyond its capacity', () => {
    const recent = new RecentlyOpenRequests(2);
    recent.remember('telegram:a', 'r1');
    recent.remember('telegram:b', 'r2');
    recent.remember('telegram:a', 'r3');
    recent.remember('telegram:c', 'r4');
    expect(['telegram:a', 'telegram:b', 'telegram:c'].map((k) => recent.has(k))).toEqual([true, false, true]);
    recent.forget('telegram:a');
    expect(recent.has('telegram:a')).toBe(false);
  });
});
