import { teamLoad } from './team-load';

describe('team load', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('counts open items per assignee with the oldest one, unassigned first, then the busiest', () => {
    const rows = teamLoad(
      [
        { id: 'a1', assigneeId: 'anna', createdAt: '2026-12-01T11:00:00Z' },
        { id: 'p1', assigneeId: 'pavel', createdAt: '2026-12-01T09:00:00Z' },
        { id: 'a2', assigneeId: 'anna', createdAt: '2026-12-01T08:00:00Z' },
        { id: 'u1', assigneeId: null, createdAt: '2026-12-01T11:30:00Z' },
      ],
      now,
    );
    expect(rows).toEqual([
      { assigneeId: null, open: 1, oldestAgeMs: 30 * 60_000, oldestId: 'u1' },
      { assigneeId: 'anna', open: 2, oldestAgeMs: 4 * 3_600_000, oldestId: 'a2' },
      { assigneeId: 'pavel', open: 1, oldestAgeMs: 3 * 3_600_000, oldestId: 'p1' },
    ]);
  });

  it('is empty without open items', () => {
    expect(teamLoad([], now)).toEqual([]);
  });
});
