import { describe, expect, expectTypeOf, it } from 'vitest';
import { STAFF_ROLES, canManageUsers, canOnCase, type Actor, type CaseAction, type StaffRole } from './access-policy.js';
import { SEVERITIES } from './severity.js';

// Every actor (each role, held on the case's desk or only on another, in or out of the case's
// group) × every action × every fact about the case (unrestricted, restricted, restricted to a
// blank name; every severity), checked against a table written out by hand rather than derived
// from the rules it checks. The domain is small enough to enumerate, so nothing is sampled.

const ACTIONS = ['case.list', 'case.view', 'case.assign', 'case.update'] as const;
// Fails to compile when CaseAction gains a member this file does not check.
expectTypeOf<(typeof ACTIONS)[number]>().toEqualTypeOf<CaseAction>();

const CASE_DESK = 'desk-of-the-case';
const OTHER_DESK = 'another-desk';
/**
 * Where the actor holds the role of the row: `own`, on the case's desk; `other`, only on
 * another desk (a handler or admin of another desk); `plus`, on the case's desk and admin of
 * another desk besides (which must add nothing here).
 */
const DESKS = {
  own: (role: StaffRole) => new Map([[CASE_DESK, role]]),
  other: (role: StaffRole) => new Map([[OTHER_DESK, role]]),
  plus: (role: StaffRole) => new Map<string, StaffRole>([[CASE_DESK, role], [OTHER_DESK, 'admin']]),
} as const;
type DeskRelation = keyof typeof DESKS;

const GROUP = 'trust-and-safety';
const MEMBERSHIPS = {
  none: [],
  other: ['arbcom'],
  member: ['arbcom', GROUP],
  blank: [''],
} as const satisfies Record<string, readonly string[]>;
type Membership = keyof typeof MEMBERSHIPS;

const RESTRICTIONS = { none: null, group: GROUP, blank: '' } as const;
type Restriction = keyof typeof RESTRICTIONS;

// Y: allowed, N: refused. `users` is canManageUsers for the case's desk.
const TABLE = `
  role        desk   membership  restriction  list view assign update users
  handler     own    none        none         Y    Y    Y      Y      N
  handler     own    none        group        N    N    N      N      N
  handler     own    none        blank        N    N    N      N      N
  handler     own    other       none         Y    Y    Y      Y      N
  handler     own    other       group        N    N    N      N      N
  handler     own    other       blank        N    N    N      N      N
  handler     own    member      none         Y    Y    Y      Y      N
  handler     own    member      group        Y    Y    Y      Y      N
  handler     own    member      blank        N    N    N      N      N
  handler     own    blank       none         Y    Y    Y      Y      N
  handler     own    blank       group        N    N    N      N      N
  handler     own    blank       blank        N    N    N      N      N
  handler     other  none        none         N    N    N      N      N
  handler     other  none        group        N    N    N      N      N
  handler     other  none        blank        N    N    N      N      N
  handler     other  other       none         N    N    N      N      N
  handler     other  other       group        N    N    N      N      N
  handler     other  other       blank        N    N    N      N      N
  handler     other  member      none         N    N    N      N      N
  handler     other  member      group        N    N    N      N      N
  handler     other  member      blank        N    N    N      N      N
  handler     other  blank       none         N    N    N      N      N
  handler     other  blank       group        N    N    N      N      N
  handler     other  blank       blank        N    N    N      N      N
  handler     plus   none        none         Y    Y    Y      Y      N
  handler     plus   none        group        N    N    N      N      N
  handler     plus   none        blank        N    N    N      N      N
  handler     plus   other       none         Y    Y    Y      Y      N
  handler     plus   other       group        N    N    N      N      N
  handler     plus   other       blank        N    N    N      N      N
  handler     plus   member      none         Y    Y    Y      Y      N
  handler     plus   member      group        Y    Y    Y      Y      N
  handler     plus   member      blank        N    N    N      N      N
  handler     plus   blank       none         Y    Y    Y      Y      N
  handler     plus   blank       group        N    N    N      N      N
  handler     plus   blank       blank        N    N    N      N      N
  reviewer    own    none        none         Y    Y    N      N      N
  reviewer    own    none        group        N    N    N      N      N
  reviewer    own    none        blank        N    N    N      N      N
  reviewer    own    other       none         Y    Y    N      N      N
  reviewer    own    other       group        N    N    N      N      N
  reviewer    own    other       blank        N    N    N      N      N
  reviewer    own    member      none         Y    Y    N      N      N
  reviewer    own    member      group        Y    Y    N      N      N
  reviewer    own    member      blank        N    N    N      N      N
  reviewer    own    blank       none         Y    Y    N      N      N
  reviewer    own    blank       group        N    N    N      N      N
  reviewer    own    blank       blank        N    N    N      N      N
  reviewer    other  none        none         N    N    N      N      N
  reviewer    other  none        group        N    N    N      N      N
  reviewer    other  none        blank        N    N    N      N      N
  reviewer    other  other       none         N    N    N      N      N
  reviewer    other  other       group        N    N    N      N      N
  reviewer    other  other       blank        N    N    N      N      N
  reviewer    other  member      none         N    N    N      N      N
  reviewer    other  member      group        N    N    N      N      N
  reviewer    other  member      blank        N    N    N      N      N
  reviewer    other  blank       none         N    N    N      N      N
  reviewer    other  blank       group        N    N    N      N      N
  reviewer    other  blank       blank        N    N    N      N      N
  reviewer    plus   none        none         Y    Y    N      N      N
  reviewer    plus   none        group        N    N    N      N      N
  reviewer    plus   none        blank        N    N    N      N      N
  reviewer    plus   other       none         Y    Y    N      N      N
  reviewer    plus   other       group        N    N    N      N      N
  reviewer    plus   other       blank        N    N    N      N      N
  reviewer    plus   member      none         Y    Y    N      N      N
  reviewer    plus   member      group        Y    Y    N      N      N
  reviewer    plus   member      blank        N    N    N      N      N
  reviewer    plus   blank       none         Y    Y    N      N      N
  reviewer    plus   blank       group        N    N    N      N      N
  reviewer    plus   blank       blank        N    N    N      N      N
  escalation  own    none        none         Y    Y    Y      Y      N
  escalation  own    none        group        N    N    N      N      N
  escalation  own    none        blank        N    N    N      N      N
  escalation  own    other       none         Y    Y    Y      Y      N
  escalation  own    other       group        N    N    N      N      N
  escalation  own    other       blank        N    N    N      N      N
  escalation  own    member      none         Y    Y    Y      Y      N
  escalation  own    member      group        Y    Y    Y      Y      N
  escalation  own    member      blank        N    N    N      N      N
  escalation  own    blank       none         Y    Y    Y      Y      N
  escalation  own    blank       group        N    N    N      N      N
  escalation  own    blank       blank        N    N    N      N      N
  escalation  other  none        none         N    N    N      N      N
  escalation  other  none        group        N    N    N      N      N
  escalation  other  none        blank        N    N    N      N      N
  escalation  other  other       none         N    N    N      N      N
  escalation  other  other       group        N    N    N      N      N
  escalation  other  other       blank        N    N    N      N      N
  escalation  other  member      none         N    N    N      N      N
  escalation  other  member      group        N    N    N      N      N
  escalation  other  member      blank        N    N    N      N      N
  escalation  other  blank       none         N    N    N      N      N
  escalation  other  blank       group        N    N    N      N      N
  escalation  other  blank       blank        N    N    N      N      N
  escalation  plus   none        none         Y    Y    Y      Y      N
  escalation  plus   none        group        N    N    N      N      N
  escalation  plus   none        blank        N    N    N      N      N
  escalation  plus   other       none         Y    Y    Y      Y      N
  escalation  plus   other       group        N    N    N      N      N
  escalation  plus   other       blank        N    N    N      N      N
  escalation  plus   member      none         Y    Y    Y      Y      N
  escalation  plus   member      group        Y    Y    Y      Y      N
  escalation  plus   member      blank        N    N    N      N      N
  escalation  plus   blank       none         Y    Y    Y      Y      N
  escalation  plus   blank       group        N    N    N      N      N
  escalation  plus   blank       blank        N    N    N      N      N
  admin       own    none        none         Y    Y    Y      Y      Y
  admin       own    none        group        N    N    N      N      Y
  admin       own    none        blank        N    N    N      N      Y
  admin       own    other       none         Y    Y    Y      Y      Y
  admin       own    other       group        N    N    N      N      Y
  admin       own    other       blank        N    N    N      N      Y
  admin       own    member      none         Y    Y    Y      Y      Y
  admin       own    member      group        Y    Y    Y      Y      Y
  admin       own    member      blank        N    N    N      N      Y
  admin       own    blank       none         Y    Y    Y      Y      Y
  admin       own    blank       group        N    N    N      N      Y
  admin       own    blank       blank        N    N    N      N      Y
  admin       other  none        none         N    N    N      N      N
  admin       other  none        group        N    N    N      N      N
  admin       other  none        blank        N    N    N      N      N
  admin       other  other       none         N    N    N      N      N
  admin       other  other       group        N    N    N      N      N
  admin       other  other       blank        N    N    N      N      N
  admin       other  member      none         N    N    N      N      N
  admin       other  member      group        N    N    N      N      N
  admin       other  member      blank        N    N    N      N      N
  admin       other  blank       none         N    N    N      N      N
  admin       other  blank       group        N    N    N      N      N
  admin       other  blank       blank        N    N    N      N      N
  admin       plus   none        none         Y    Y    Y      Y      Y
  admin       plus   none        group        N    N    N      N      Y
  admin       plus   none        blank        N    N    N      N      Y
  admin       plus   other       none         Y    Y    Y      Y      Y
  admin       plus   other       group        N    N    N      N      Y
  admin       plus   other       blank        N    N    N      N      Y
  admin       plus   member      none         Y    Y    Y      Y      Y
  admin       plus   member      group        Y    Y    Y      Y      Y
  admin       plus   member      blank        N    N    N      N      Y
  admin       plus   blank       none         Y    Y    Y      Y      Y
  admin       plus   blank       group        N    N    N      N      Y
  admin       plus   blank       blank        N    N    N      N      Y
`;

interface Row { role: string; desk: string; membership: string; restriction: string; allowed: Record<CaseAction, boolean>; users: boolean }

function parseTable(text: string): Row[] {
  const [header, ...lines] = text.trim().split('\n').map((line) => line.trim().split(/\s+/));
  expect(header).toEqual(['role', 'desk', 'membership', 'restriction', 'list', 'view', 'assign', 'update', 'users']);
  return lines.map((cells) => {
    expect(cells).toHaveLength(9);
    const flags = cells.slice(4).map((cell) => {
      expect(['Y', 'N']).toContain(cell);
      return cell === 'Y';
    });
    const [role = '', desk = '', membership = '', restriction = ''] = cells;
    const allowed = Object.fromEntries(ACTIONS.map((action, i) => [action, flags[i] === true])) as Record<CaseAction, boolean>;
    return { role, desk, membership, restriction, allowed, users: flags[4] === true };
  });
}

const rows = parseTable(TABLE);
const key = (...cells: string[]) => cells.join(' ');
const byKey = new Map(rows.map((row) => [key(row.role, row.desk, row.membership, row.restriction), row]));

const domain = STAFF_ROLES.flatMap((role) =>
  (Object.keys(DESKS) as DeskRelation[]).flatMap((desk) =>
    (Object.keys(MEMBERSHIPS) as Membership[]).flatMap((membership) =>
      (Object.keys(RESTRICTIONS) as Restriction[]).map((restriction) => [role, desk, membership, restriction] as const))));

const actor = (role: StaffRole, desk: DeskRelation, membership: Membership): Actor =>
  ({ kind: 'staff', id: `staff-${role}`, roles: DESKS[desk](role), groups: [...MEMBERSHIPS[membership]] });

describe('the access policy, exhaustively', () => {
  it('has exactly one table row for every actor and restriction, and no other rows', () => {
    expect(rows.map((r) => key(r.role, r.desk, r.membership, r.restriction)).sort()).toEqual(domain.map((cells) => key(...cells)).sort());
  });

  it.each(domain)('%s on desk %s, groups %s, restriction %s: every action on every severity as the table says', (role, desk, membership, restriction) => {
    const row = byKey.get(key(role, desk, membership, restriction));
    if (row === undefined) throw new Error(`no table row for ${key(role, desk, membership, restriction)}`);
    const who = actor(role, desk, membership);
    for (const severity of SEVERITIES) {
      for (const action of ACTIONS) {
        const kase = { recusedStaff: [], deskId: CASE_DESK, restrictedToGroup: RESTRICTIONS[restriction], severity };
        expect(canOnCase(who, action, kase), `${action}, ${severity}`).toBe(row.allowed[action]);
      }
    }
    expect(canManageUsers(who, CASE_DESK)).toBe(row.users);
  });
});
