import { layOutGrid, worseSla } from './grid';
import { seesSite, sitesOfGroups } from './site-scope';

describe('site scope', () => {
  it('reads the sites among the directory groups, and sees every site or only the listed ones', () => {
    expect(sitesOfGroups(['/departments/north', '/sites/river-park'])).toEqual(['river-park']);
    expect(seesSite({ all: true }, 'river-park')).toBe(true);
    const manager = { all: false, slugs: ['river-park'] } as const;
    expect(seesSite(manager, 'river-park')).toBe(true);
    expect(seesSite(manager, 'old-town')).toBe(false);
    expect(seesSite({ all: false, slugs: [] }, 'river-park')).toBe(false);
  });
});

describe('grid layout', () => {
  const unit = (id: string, entranceId: string, floor: number, number: string) =>
    ({ id, entranceId, floor, number, type: 'apartment', occupancy: 0, openRequests: 0, worstSla: 'none' }) as const;

  it('puts entrances in columns and floors top down, units of a cell in number order', () => {
    const grid = layOutGrid(
      [
        { id: 'e1', number: '1' },
        { id: 'e2', number: '2' },
      ],
      [unit('a', 'e1', 1, '10'), unit('b', 'e1', 1, '9'), unit('c', 'e2', 2, '20'), unit('d', 'e1', -1, 'P1')],
    );
    expect(grid.floors).toEqual([2, 1, -1]);
    expect(grid.cells.map((c) => [c.entranceId, c.floor, c.units.map((u) => u.number)])).toEqual([
      ['e1', 1, ['9', '10']],
      ['e1', -1, ['P1']],
      ['e2', 2, ['20']],
    ]);
  });

  it('keeps the worst SLA state', () => {
    expect(worseSla('ok', 'breached')).toBe('breached');
    expect(worseSla('warning', 'ok')).toBe('warning');
  });
});
