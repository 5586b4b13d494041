import { communicationsAccess } from './communications-access';

const actor = (roles: string[], departments: string[] = ['first-line-north']) => ({ username: 'someone', roles, departments });
const operator = actor(['HelpDeskUser']);
const manager = actor(['HelpDeskManager']);
const admin = actor(['CommunicationsAdmin'], []);
const engineer = actor(['SL3User'], []);

describe('communicationsAccess', () => {
  it('lets only CommunicationsAdmin administer types and channels', () => {
    expect([operator, manager, admin, engineer].map(communicationsAccess.administersReferenceData)).toEqual([false, false, true, false]);
  });

  it('lets a department’s managers and CommunicationsAdmin manage its policies, not another department’s managers', () => {
    expect(communicationsAccess.managesDepartment(manager, 'first-line-north')).toBe(true);
    expect(communicationsAccess.managesDepartment(manager, 'first-line-south')).toBe(false);
    expect(communicationsAccess.managesDepartment(operator, 'first-line-north')).toBe(false);
    expect(communicationsAccess.managesDepartment(admin, 'first-line-south')).toBe(true);
  });

  it('lets operators send personal communications from their departments only; managers any type from theirs', () => {
    expect(communicationsAccess.maySend(operator, 'first-line-north', 'personal')).toBe(true);
    expect(communicationsAccess.maySend(operator, 'first-line-north', 'mass')).toBe(false);
    expect(communicationsAccess.maySend(operator, 'first-line-south', 'personal')).toBe(false);
    expect(communicationsAccess.maySend(manager, 'first-line-north', 'mass')).toBe(true);
    expect(communicationsAccess.maySend(engineer, 'first-line-north', 'personal')).toBe(false);
    expect(communicationsAccess.maySend(admin, 'anywhere', 'commercial-survey')).toBe(true);
  });

  it('shows everyone the communications of their departments, CommunicationsAdmin all', () => {
    expect(communicationsAccess.visibleDepartments(operator)).toEqual(['first-line-north']);
    expect(communicationsAccess.visibleDepartments(admin)).toBeUndefined();
  });

  it('lets the requester, the department’s managers and CommunicationsAdmin cancel', () => {
    const communication = { department: 'first-line-north', requestedBy: 'hd.user.north' };
    expect(communicationsAccess.mayCancel({ ...operator, username: 'hd.user.north' }, communication)).toBe(true);
    expect(communicationsAccess.mayCancel({ ...operator, username: 'hd.user.north2' }, communication)).toBe(false);
    expect(communicationsAccess.mayCancel(manager, communication)).toBe(true);
    expect(communicationsAccess.mayCancel(admin, communication)).toBe(true);
  });
});
