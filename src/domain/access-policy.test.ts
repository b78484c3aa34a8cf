import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STAFF_ROLES,
  adminDesksOf,
  canManageUsers,
  canOnCase,
  canOnDesk,
  desksOf,
  isStaffRole,
  roleOn,
  type Actor,
  type CaseAction,
  type DeskAction,
  type StaffRole,
} from './access-policy.js';
import { SEVERITIES } from './severity.js';

const ACTIONS: CaseAction[] = ['case.list', 'case.view', 'case.assign', 'case.update'];

const DESK = 'desk-a';
const OTHER = 'desk-b';
const actor = (role: StaffRole, groups: string[] = []): Actor => ({ kind: 'staff', id: `staff-${role}`, roles: new Map([[DESK, role]]), groups });

// The expected matrix for unrestricted cases, written out in full so a change is a visible diff.
const UNRESTRICTED: Record<StaffRole, Record<CaseAction, boolean>> = {
  handler: { 'case.list': true, 'case.view': true, 'case.assign': true, 'case.update': true },
  reviewer: { 'case.list': true, 'case.view': true, 'case.assign': false, 'case.update': false },
  escalation: { 'case.list': true, 'case.view': true, 'case.assign': true, 'case.update': true },
  admin: { 'case.list': true, 'case.view': true, 'case.assign': true, 'case.update': true },
};

const matrix = STAFF_ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) => SEVERITIES.map((severity) => [role, action, severity] as const)),
);

describe('canOnCase on unrestricted cases', () => {
  it.each(matrix)('%s may %s a %s case as the matrix says', (role, action, severity) => {
    expect(canOnCase(actor(role), action, { deskId: DESK, restrictedToGroup: null, severity })).toBe(UNRESTRICTED[role][action]);
  });
});

describe('canOnCase on restricted cases', () => {
  const restricted = { deskId: DESK, restrictedToGroup: 'trust-and-safety', severity: 'high' } as const;

  it.each(matrix)('a %s outside the group may not %s (severity %s)', (role, action, severity) => {
    expect(canOnCase(actor(role, ['arbcom']), action, { ...restricted, severity })).toBe(false);
  });

  it.each(matrix)('a %s inside the group gets the usual rights to %s (severity %s)', (role, action, severity) => {
    const member = actor(role, ['arbcom', 'trust-and-safety']);
    expect(canOnCase(member, action, { ...restricted, severity })).toBe(UNRESTRICTED[role][action]);
  });

  it('does not let admins in without membership', () => {
    for (const action of ACTIONS) expect(canOnCase(actor('admin'), action, restricted)).toBe(false);
  });

  it('matches group names exactly', () => {
    for (const groups of [['Trust-and-Safety'], ['trust-and-safety '], ['trust'], []]) {
      expect(canOnCase(actor('escalation', groups), 'case.view', restricted)).toBe(false);
    }
  });

  it('opens a case restricted to an empty group name to nobody', () => {
    expect(canOnCase(actor('admin', ['']), 'case.view', { deskId: DESK, restrictedToGroup: '', severity: 'normal' })).toBe(false);
  });

  it('never grants more on a restricted case than on the same case unrestricted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STAFF_ROLES),
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...SEVERITIES),
        fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 3 }),
        fc.constantFrom('a', 'b', 'c', ''),
        (role, action, severity, groups, group) => {
          const who = actor(role, groups);
          const open = canOnCase(who, action, { deskId: DESK, restrictedToGroup: null, severity });
          const closed = canOnCase(who, action, { deskId: DESK, restrictedToGroup: group, severity });
          if (closed) expect(open).toBe(true);
        },
      ),
    );
  });

  it('lets anyone who may act on a case also view it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAFF_ROLES), fc.constantFrom(...ACTIONS), fc.option(fc.constantFrom('a', 'b')), (role, action, group) => {
        const kase = { deskId: DESK, restrictedToGroup: group, severity: 'normal' } as const;
        const who = actor(role, ['a']);
        if (canOnCase(who, action, kase)) expect(canOnCase(who, 'case.view', kase)).toBe(true);
      }),
    );
  });
});

describe('canManageUsers', () => {
  it.each(STAFF_ROLES)('answers for a %s: admins of that desk only', (role) => {
    expect(canManageUsers(actor(role, ['admins']), DESK)).toBe(role === 'admin');
    expect(canManageUsers(actor(role, ['admins']), OTHER)).toBe(false);
  });
});

describe('roles per desk', () => {
  const both: Actor = { kind: 'staff', id: 'sam', roles: new Map<string, StaffRole>([[DESK, 'reviewer'], [OTHER, 'admin']]), groups: [] };

  it('decides each case by the role on its own desk', () => {
    expect(canOnCase(both, 'case.update', { deskId: DESK, restrictedToGroup: null, severity: 'normal' })).toBe(false);
    expect(canOnCase(both, 'case.update', { deskId: OTHER, restrictedToGroup: null, severity: 'normal' })).toBe(true);
  });

  it('opens nothing on a desk where the actor holds no role, whatever they are elsewhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAFF_ROLES), fc.constantFrom(...ACTIONS), fc.constantFrom(...SEVERITIES), (role, action, severity) => {
        const elsewhere: Actor = { kind: 'staff', id: 'x', roles: new Map([[OTHER, role]]), groups: ['trust-and-safety'] };
        expect(canOnCase(elsewhere, action, { deskId: DESK, restrictedToGroup: null, severity })).toBe(false);
        expect(canOnCase(elsewhere, action, { deskId: DESK, restrictedToGroup: 'trust-and-safety', severity })).toBe(false);
      }),
    );
  });

  it('lists the desks held and those administered', () => {
    expect(roleOn(both, DESK)).toBe('reviewer');
    expect(roleOn(both, 'desk-c')).toBeNull();
    expect(desksOf(both).sort()).toEqual([DESK, OTHER]);
    expect(adminDesksOf(both)).toEqual([OTHER]);
  });
});

describe('isStaffRole', () => {
  it('recognises the four roles and nothing else', () => {
    expect(STAFF_ROLES.every(isStaffRole)).toBe(true);
    expect(isStaffRole('Admin')).toBe(false);
    expect(isStaffRole('reporter')).toBe(false);
  });
});

describe('canOnDesk', () => {
  const DESK = 'desk-1';
  const actorWith = (role: StaffRole | null): Actor => ({ kind: 'staff', id: 'staff-1', roles: new Map(role === null ? [] : [[DESK, role]]), groups: [] });
  // Written out by hand: any role reads a desk, only its admins administer it or read its audit trail.
  const TABLE: Record<StaffRole | 'none', Record<DeskAction, boolean>> = {
    none: { 'desk.read': false, 'desk.administer': false, 'audit.read': false },
    handler: { 'desk.read': true, 'desk.administer': false, 'audit.read': false },
    reviewer: { 'desk.read': true, 'desk.administer': false, 'audit.read': false },
    escalation: { 'desk.read': true, 'desk.administer': false, 'audit.read': false },
    admin: { 'desk.read': true, 'desk.administer': true, 'audit.read': true },
  };
  it.each(Object.entries(TABLE))('as %s', (role, expected) => {
    const actor = actorWith(role === 'none' ? null : role as StaffRole);
    for (const [action, allowed] of Object.entries(expected)) expect(canOnDesk(actor, action as DeskAction, DESK), action).toBe(allowed);
    // A role on another desk opens nothing here.
    for (const action of Object.keys(expected)) expect(canOnDesk(actor, action as DeskAction, 'desk-2')).toBe(false);
  });
});
