import { describe, expect, it } from 'vitest';
import { mayWorkCases } from './permissions';

const user = (role: string) => ({ id: 'u1', username: 'sam', role });

describe('mayWorkCases', () => {
  it('lets handlers, escalation and admins work cases', () => {
    expect(['handler', 'escalation', 'admin'].map((role) => mayWorkCases(user(role)))).toEqual([true, true, true]);
  });

  it('keeps reviewers and unknown roles to reading', () => {
    expect(mayWorkCases(user('reviewer'))).toBe(false);
    expect(mayWorkCases(user('intern'))).toBe(false);
  });
});
