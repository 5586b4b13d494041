import { layOutGrid, worseSla } from './grid';
import { seesSite, siteScopeOf, sitesOfGroups } from './site-scope';

describe('site scope', () => {
  it('gives head office every site and a site manager the sites of their groups', () => {
    expect(seesSite(siteScopeOf({ roles: ['ClientService'], sites: [] }), 'river-park')).toBe(true);
    const manager = siteScopeOf({ roles: ['SiteManager'], sites: sitesOfGroups(['/departments/north', '/sites/river-park']) });
    expect(seesSite(manager, 'river-park')).toBe(true);
    expect(seesSite(manager, 'old-town')).toBe(false);
  });

  it('gives a site group without the SiteManager role no site', () => {
    expect(seesSite(siteScopeOf({ roles: ['HelpDeskUser'], sites: ['river-park'] }), 'river-park')).toBe(false);
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
