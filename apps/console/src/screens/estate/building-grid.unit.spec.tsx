import { toneOf } from './building-grid.screen';

describe('the colour of a unit on the grid', () => {
  it('by open requests: none, one or two, three and more', () => {
    expect(toneOf({ openRequests: 0, worstSla: 'none' }, 'requests')).toBeUndefined();
    expect(toneOf({ openRequests: 2, worstSla: 'breached' }, 'requests')).toBe('some');
    expect(toneOf({ openRequests: 3, worstSla: 'ok' }, 'requests')).toBe('many');
  });

  it('by the worst SLA state of its open requests', () => {
    expect(toneOf({ openRequests: 0, worstSla: 'none' }, 'sla')).toBeUndefined();
    expect(toneOf({ openRequests: 1, worstSla: 'ok' }, 'sla')).toBe('calm');
    expect(toneOf({ openRequests: 1, worstSla: 'warning' }, 'sla')).toBe('some');
    expect(toneOf({ openRequests: 4, worstSla: 'breached' }, 'sla')).toBe('bad');
  });
});
