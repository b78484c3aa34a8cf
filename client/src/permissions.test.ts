import { describe, expect, it } from 'vitest';
import { administersADesk, mayReadAudit, mayWorkCases, worksOnSeveralDesks } from './permissions';

const user = (...desks: [string, string][]) => ({ id: 'u1', username: 'sam', desks: desks.map(([slug, role]) => ({ slug, name: slug, role })) });

describe('mayWorkCases', () => {
  it('lets handlers, escalation and admins work cases of their desk', () => {
    expect(['handler', 'escalation', 'admin'].map((role) => mayWorkCases(user(['main', role]), 'main'))).toEqual([true, true, true]);
  });

  it('keeps reviewers and unknown roles to reading', () => {
    expect(mayWorkCases(user(['main', 'reviewer']), 'main')).toBe(false);
    expect(mayWorkCases(user(['main', 'intern']), 'main')).toBe(false);
  });

  it('goes by the role on the case\'s desk, not on another', () => {
    const both = user(['main', 'reviewer'], ['events', 'admin']);
    expect(mayWorkCases(both, 'main')).toBe(false);
    expect(mayWorkCases(both, 'events')).toBe(true);
    expect(mayWorkCases(user(['events', 'admin']), 'main')).toBe(false);
  });
});

describe('desk-dependent console', () => {
  it('offers the team\'s training to admins of any desk', () => {
    expect(administersADesk(user(['main', 'handler'], ['events', 'admin']))).toBe(true);
    expect(administersADesk(user(['main', 'handler'], ['events', 'escalation']))).toBe(false);
  });

  it('shows desks only to someone on more than one', () => {
    expect(worksOnSeveralDesks(user(['main', 'admin']))).toBe(false);
    expect(worksOnSeveralDesks(user(['main', 'admin'], ['events', 'handler']))).toBe(true);
  });
});

describe('mayReadAudit', () => {
  const on = (role: string) => user(['main', role]);
  it('lets only the desk\'s admins read its audit trail', () => {
    expect(mayReadAudit(on('admin'), 'main')).toBe(true);
    for (const role of ['handler', 'reviewer', 'escalation', 'owner']) expect(mayReadAudit(on(role), 'main')).toBe(false);
    expect(mayReadAudit(on('admin'), 'other')).toBe(false);
  });
});
