import { checkRequestAssignee } from './assignment-rules';
import type { Assignee } from './assignment-rules';
import { DomainRuleError } from './domain-errors';

const user = (username: string, roles: string[], extra: Partial<Assignee> = {}): Assignee => ({
  id: `id-${username}`,
  username,
  roles,
  departments: [],
  workGroups: [],
  ...extra,
});
const technicianRiver = user('technician.river', ['Technician'], { sites: ['river-park'] });
const technicianOldTown = user('technician.old-town', ['Technician'], { sites: ['old-town'] });
const siteManager = user('site.manager.river', ['SiteManager'], { sites: ['river-park'] });
const hdNorth = user('hd.user.north', ['HelpDeskUser'], { departments: ['first-line-north'] });

const ruleOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleError) return error.rule;
    throw error;
  }
};

describe('who may be assigned a request of a site (ADR 0032)', () => {
  it.each([
    ['a technician of the request’s site', technicianRiver, undefined, 'river-park', undefined],
    ['a technician of the request’s site, whatever its department', technicianRiver, 'first-line-north', 'river-park', undefined],
    ['a technician of another site', technicianOldTown, undefined, 'river-park', 'assignee-not-on-site'],
    ['a technician, when the request has no site', technicianRiver, 'first-line-north', undefined, 'assignee-technician-needs-site'],
    ['a site manager (who hands work out, not does it)', siteManager, undefined, 'river-park', 'assignee-not-help-desk'],
    ['a help-desk operator of its department, as before', hdNorth, 'first-line-north', 'river-park', undefined],
  ] as const)('a request takes %s', (_, assignee, department, siteSlug, rule) => {
    expect(ruleOf(() => checkRequestAssignee('x', assignee, department, siteSlug))).toBe(rule);
  });

  it('names the site in the refusal of someone who is neither', () => {
    expect(() => checkRequestAssignee('x', siteManager, undefined, 'river-park')).toThrow(/nor a technician of site river-park/);
  });
});
