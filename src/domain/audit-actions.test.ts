import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, isAuditAction, isAuditActorKind } from './audit-actions.js';

describe('the audit vocabulary', () => {
  it('lists each action once, named area.what', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
  });

  it('knows its own actions and actor kinds, and nothing else', () => {
    for (const action of AUDIT_ACTIONS) expect(isAuditAction(action)).toBe(true);
    for (const kind of AUDIT_ACTOR_KINDS) expect(isAuditActorKind(kind)).toBe(true);
    for (const other of ['case.vanished', 'forged.action', '', 'case']) expect(isAuditAction(other)).toBe(false);
    for (const other of ['admin', '', 'Staff']) expect(isAuditActorKind(other)).toBe(false);
  });
});
