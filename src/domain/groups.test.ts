import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from './access-policy.js';
import { anyoneCanWork, isRecusalSource, RECUSAL_SOURCES, type DeskWorker } from './groups.js';

const DESK = 'desk-a';
const kase = (restrictedToGroup: string | null, recusedStaff: string[]) => ({ deskId: DESK, restrictedToGroup, severity: 'normal' as const, recusedStaff });

describe('anyoneCanWork, the test of the escalation fallback', () => {
  it('is false when every handler is recused and only a reviewer is left', () => {
    const staff: DeskWorker[] = [{ id: 'h', role: 'handler', groups: [] }, { id: 'r', role: 'reviewer', groups: [] }];
    expect(anyoneCanWork(kase(null, ['h']), staff)).toBe(false);
    expect(anyoneCanWork(kase(null, []), staff)).toBe(true);
  });

  it('counts only members of the group a case is restricted to', () => {
    const staff: DeskWorker[] = [{ id: 'h', role: 'handler', groups: [] }, { id: 'e', role: 'escalation', groups: ['esc'] }];
    expect(anyoneCanWork(kase('esc', []), staff)).toBe(true);
    expect(anyoneCanWork(kase('esc', ['e']), staff)).toBe(false);
  });

  it('is true exactly when some unrecused worker who is not a reviewer may open the case', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), role: fc.constantFrom(...STAFF_ROLES), groups: fc.subarray(['g1', 'g2']) }), { maxLength: 4 }),
      fc.option(fc.constantFrom('g1', 'g2')),
      fc.subarray(['a', 'b', 'c', 'd']),
      (staff, group, recused) => {
        const expected = staff.some((s) => s.role !== 'reviewer' && !recused.includes(s.id) && (group === null || s.groups.includes(group)));
        expect(anyoneCanWork(kase(group, recused), staff)).toBe(expected);
      },
    ));
  });
});

describe('recusal sources', () => {
  it('knows its own and nothing else', () => {
    for (const source of RECUSAL_SOURCES) expect(isRecusalSource(source)).toBe(true);
    for (const other of ['', 'Self', 'admin']) expect(isRecusalSource(other)).toBe(false);
  });
});
