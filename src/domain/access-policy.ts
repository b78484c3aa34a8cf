import type { Severity } from './severity.js';

/** Staff roles, from least to most administrative. */
export const STAFF_ROLES = ['handler', 'reviewer', 'escalation', 'admin'] as const;

/** A staff member's role on one desk. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Someone acting in the console; reporters never get an Actor, they hold access codes. */
export interface Actor {
  kind: 'staff';
  id: string;
  /**
   * The role held on each desk the actor works on, by desk id. A desk with no entry is one
   * where they hold no role: its cases do not exist for them.
   */
  roles: ReadonlyMap<string, StaffRole>;
  groups: string[];
}

/** Things staff can do to a case. */
export type CaseAction = 'case.list' | 'case.view' | 'case.assign' | 'case.update';

/** The facts about a case that decide who may act on it. */
export interface CaseAccessFacts {
  /** The desk the case belongs to; only a role there opens it. */
  deskId: string;
  restrictedToGroup: string | null;
  severity: Severity;
}

/** Narrows an untrusted string to a StaffRole. */
export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** The actor's role on a desk, or null when they hold none there. */
export function roleOn(actor: Actor, deskId: string): StaffRole | null {
  return actor.roles.get(deskId) ?? null;
}

/** The desks where the actor holds a role (any role), by id. */
export function desksOf(actor: Actor): string[] {
  return [...actor.roles.keys()];
}

/** The desks the actor administers, by id. */
export function adminDesksOf(actor: Actor): string[] {
  return desksOf(actor).filter((deskId) => canOnDesk(actor, 'desk.administer', deskId));
}

/**
 * Whether `actor` may do `action` on a case. Callers must answer "no" exactly as they answer
 * "not found", so that a case of another desk, or a restricted case, is invisible rather
 * than merely locked. Severity does not narrow access today: an emergency must reach
 * whoever is on duty.
 */
export function canOnCase(actor: Actor, action: CaseAction, kase: CaseAccessFacts): boolean {
  // Roles are held per desk: with none on the case's desk, the case is not theirs to know of,
  // whatever they are elsewhere. Being admin of another desk opens nothing here.
  const role = roleOn(actor, kase.deskId);
  if (role === null) return false;
  // Membership is the only key to a restricted case. Admins are deliberately not exempt:
  // an admin who needs in adds themself to the group, which is a visible, audited change.
  if (kase.restrictedToGroup !== null && !isMember(actor, kase.restrictedToGroup)) return false;
  switch (action) {
    case 'case.list':
    case 'case.view':
      return true;
    case 'case.assign':
    case 'case.update':
      return worksCases(role);
    default: {
      const unreachable: never = action;
      throw new Error(`Unknown case action: ${String(unreachable)}`);
    }
  }
}

/** Whether `actor` may manage the staff and roles of a desk: its admins. */
export function canManageUsers(actor: Actor, deskId: string): boolean {
  return canOnDesk(actor, 'desk.administer', deskId);
}

/**
 * Things staff can do to a desk rather than to one case: read its settings and templates,
 * administer it (templates, routing rules, clocks, emergency settings, training, staff), and
 * read its audit trail.
 */
export type DeskAction = 'desk.read' | 'desk.administer' | 'audit.read';

/**
 * Whether `actor` may do `action` on a desk. Callers answer "no role here" like "no such desk"
 * and a role that may not do this as forbidden, as for cases.
 */
export function canOnDesk(actor: Actor, action: DeskAction, deskId: string): boolean {
  const role = roleOn(actor, deskId);
  if (role === null) return false;
  switch (action) {
    case 'desk.read':
      return true;
    // The audit trail names who looked at what: reading it is an admin's duty, itself audited.
    case 'desk.administer':
    case 'audit.read':
      return role === 'admin';
    default: {
      const unreachable: never = action;
      throw new Error(`Unknown desk action: ${String(unreachable)}`);
    }
  }
}

/** Reviewers read and sign off; everyone else on the desk may take and change cases. */
function worksCases(role: StaffRole): boolean {
  switch (role) {
    case 'handler':
    case 'escalation':
    case 'admin':
      return true;
    case 'reviewer':
      return false;
    default: {
      const unreachable: never = role;
      throw new Error(`Unknown staff role: ${String(unreachable)}`);
    }
  }
}

function isMember(actor: Actor, group: string): boolean {
  // An empty group name is a data error; matching it would open the case to anyone whose
  // group list happens to hold an empty string, so it opens the case to nobody instead.
  return group !== '' && actor.groups.includes(group);
}
