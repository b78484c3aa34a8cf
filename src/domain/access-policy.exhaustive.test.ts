import { describe, expect, expectTypeOf, it } from 'vitest';
import { STAFF_ROLES, canManageUsers, canOnCase, type Actor, type CaseAction, type StaffRole } from './access-policy.js';
import { SEVERITIES } from './severity.js';

// Every actor (each role, in or out of the case's group) × every action × every fact about the
// case (unrestricted, restricted, restricted to a blank name; every severity), checked against
// a table written out by hand rather than derived from the rules it checks. The domain is
// small enough to enumerate, so nothing is sampled.

const ACTIONS = ['case.list', 'case.view', 'case.assign', 'case.update'] as const;
// Fails to compile when CaseAction gains a member this file does not check.
expectTypeOf<(typeof ACTIONS)[number]>().toEqualTypeOf<CaseAction>();

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

// Y: allowed, N: refused. `users` is canManageUsers, which looks at the actor alone.
const TABLE = `
  role        membership  restriction  list view assign update users
  handler     none        none         Y    Y    Y      Y      N
  handler     none        group        N    N    N      N      N
  handler     none        blank        N    N    N      N      N
  handler     other       none         Y    Y    Y      Y      N
  handler     other       group        N    N    N      N      N
  handler     other       blank        N    N    N      N      N
  handler     member      none         Y    Y    Y      Y      N
  handler     member      group        Y    Y    Y      Y      N
  handler     member      blank        N    N    N      N      N
  handler     blank       none         Y    Y    Y      Y      N
  handler     blank       group        N    N    N      N      N
  handler     blank       blank        N    N    N      N      N
  reviewer    none        none         Y    Y    N      N      N
  reviewer    none        group        N    N    N      N      N
  reviewer    none        blank        N    N    N      N      N
  reviewer    other       none         Y    Y    N      N      N
  reviewer    other       group        N    N    N      N      N
  reviewer    other       blank        N    N    N      N      N
  reviewer    member      none         Y    Y    N      N      N
  reviewer    member      group        Y    Y    N      N      N
  reviewer    member      blank        N    N    N      N      N
  reviewer    blank       none         Y    Y    N      N      N
  reviewer    blank       group        N    N    N      N      N
  reviewer    blank       blank        N    N    N      N      N
  escalation  none        none         Y    Y    Y      Y      N
  escalation  none        group        N    N    N      N      N
  escalation  none        blank        N    N    N      N      N
  escalation  other       none         Y    Y    Y      Y      N
  escalation  other       group        N    N    N      N      N
  escalation  other       blank        N    N    N      N      N
  escalation  member      none         Y    Y    Y      Y      N
  escalation  member      group        Y    Y    Y      Y      N
  escalation  member      blank        N    N    N      N      N
  escalation  blank       none         Y    Y    Y      Y      N
  escalation  blank       group        N    N    N      N      N
  escalation  blank       blank        N    N    N      N      N
  admin       none        none         Y    Y    Y      Y      Y
  admin       none        group        N    N    N      N      Y
  admin       none        blank        N    N    N      N      Y
  admin       other       none         Y    Y    Y      Y      Y
  admin       other       group        N    N    N      N      Y
  admin       other       blank        N    N    N      N      Y
  admin       member      none         Y    Y    Y      Y      Y
  admin       member      group        Y    Y    Y      Y      Y
  admin       member      blank        N    N    N      N      Y
  admin       blank       none         Y    Y    Y      Y      Y
  admin       blank       group        N    N    N      N      Y
  admin       blank       blank        N    N    N      N      Y
`;

interface Row { role: string; membership: string; restriction: string; allowed: Record<CaseAction, boolean>; users: boolean }

function parseTable(text: string): Row[] {
  const [header, ...lines] = text.trim().split('\n').map((line) => line.trim().split(/\s+/));
  expect(header).toEqual(['role', 'membership', 'restriction', 'list', 'view', 'assign', 'update', 'users']);
  return lines.map((cells) => {
    expect(cells).toHaveLength(8);
    const flags = cells.slice(3).map((cell) => {
      expect(['Y', 'N']).toContain(cell);
      return cell === 'Y';
    });
    const [role = '', membership = '', restriction = ''] = cells;
    const allowed = Object.fromEntries(ACTIONS.map((action, i) => [action, flags[i] === true])) as Record<CaseAction, boolean>;
    return { role, membership, restriction, allowed, users: flags[4] === true };
  });
}

const rows = parseTable(TABLE);
const key = (role: string, membership: string, restriction: string) => `${role} ${membership} ${restriction}`;
const byKey = new Map(rows.map((row) => [key(row.role, row.membership, row.restriction), row]));

const domain = STAFF_ROLES.flatMap((role) =>
  (Object.keys(MEMBERSHIPS) as Membership[]).flatMap((membership) =>
    (Object.keys(RESTRICTIONS) as Restriction[]).map((restriction) => [role, membership, restriction] as const)));

const actor = (role: StaffRole, membership: Membership): Actor => ({ kind: 'staff', id: `staff-${role}`, role, groups: [...MEMBERSHIPS[membership]] });

describe('the access policy, exhaustively', () => {
  it('has exactly one table row for every actor and restriction, and no other rows', () => {
    expect(rows.map((r) => key(r.role, r.membership, r.restriction)).sort()).toEqual(domain.map(([r, m, x]) => key(r, m, x)).sort());
  });

  it.each(domain)('%s, groups %s, restriction %s: every action on every severity as the table says', (role, membership, restriction) => {
    const row = byKey.get(key(role, membership, restriction));
    if (row === undefined) throw new Error(`no table row for ${key(role, membership, restriction)}`);
    const who = actor(role, membership);
    for (const severity of SEVERITIES) {
      for (const action of ACTIONS) {
        expect(canOnCase(who, action, { restrictedToGroup: RESTRICTIONS[restriction], severity }), `${action}, ${severity}`).toBe(row.allowed[action]);
      }
    }
    expect(canManageUsers(who)).toBe(row.users);
  });
});
