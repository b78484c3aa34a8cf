import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from './access-policy.js';
import { canViewTeamTraining, findAnswerable, meetsCompletion, summarizeProgress, type ModuleOutline, type StoredAnswer } from './training-progress.js';

const OUTLINE: ModuleOutline = {
  moduleId: 'm',
  sectionIds: ['one', 'two', 'three'],
  questions: [{ id: 'q1', options: ['a', 'b'], best: 'b' }, { id: 'q2', options: ['a', 'b', 'c'], best: 'a' }],
};

function answer(questionId: string, settled: boolean, firstCorrect = settled): StoredAnswer {
  return { questionId, firstCorrect, latestOption: 'a', bestChosenAt: settled ? new Date('2026-03-02T10:00:00Z') : null };
}

describe('meetsCompletion', () => {
  it('asks for every section read and the best option found for every question', () => {
    const all = { sectionsRead: ['one', 'two', 'three'], answers: [answer('q1', true), answer('q2', true, false)], completedAt: null };
    expect(meetsCompletion(OUTLINE, all)).toBe(true);
    expect(meetsCompletion(OUTLINE, { ...all, sectionsRead: ['one', 'two'] })).toBe(false);
    expect(meetsCompletion(OUTLINE, { ...all, answers: [answer('q1', true), answer('q2', false)] })).toBe(false);
    expect(meetsCompletion(OUTLINE, { ...all, answers: [answer('q1', true)] })).toBe(false);
  });

  it('counts only what the module still holds: removed sections and questions do not count, new ones are still to do', () => {
    const progress = { sectionsRead: ['one', 'two', 'three', 'gone'], answers: [answer('q1', true), answer('q2', true), answer('old', true)], completedAt: null };
    expect(summarizeProgress(OUTLINE, progress)).toMatchObject({ sectionsRead: 3, questionsAnswered: 2, questionsSettled: 2 });
    const grown = { ...OUTLINE, sectionIds: [...OUTLINE.sectionIds, 'four'] };
    expect(meetsCompletion(grown, progress)).toBe(false);
  });

  it('holds exactly when every section is read and every question settled, for any mix', () => {
    const sectionSets = fc.subarray(['one', 'two', 'three', 'other']);
    const answerSets = fc.array(fc.record({ q: fc.constantFrom('q1', 'q2', 'other'), settled: fc.boolean(), first: fc.boolean() }), { maxLength: 4 });
    fc.assert(fc.property(sectionSets, answerSets, (read, given) => {
      const answers = [...new Map(given.map((g) => [g.q, answer(g.q, g.settled, g.first && g.settled)])).values()];
      const expected = ['one', 'two', 'three'].every((s) => read.includes(s)) && ['q1', 'q2'].every((q) => answers.some((a) => a.questionId === q && a.bestChosenAt !== null));
      expect(meetsCompletion(OUTLINE, { sectionsRead: read, answers, completedAt: null })).toBe(expected);
    }));
  });
});

describe('findAnswerable', () => {
  it('knows the options of each question and nothing else', () => {
    expect(findAnswerable(OUTLINE, 'q1', 'b')).toEqual({ best: 'b' });
    expect(findAnswerable(OUTLINE, 'q1', 'c')).toBeNull();
    expect(findAnswerable(OUTLINE, 'q9', 'a')).toBeNull();
  });
});

describe('canViewTeamTraining', () => {
  it('lets admins see the team and nobody else', () => {
    for (const role of STAFF_ROLES) expect(canViewTeamTraining({ kind: 'staff', id: 'x', roles: new Map([['d', role]]), groups: [] })).toBe(role === 'admin');
    // Admin of any one desk sees that desk's team; a role elsewhere does not take it away.
    expect(canViewTeamTraining({ kind: 'staff', id: 'x', roles: new Map([['d', 'handler'], ['e', 'admin']]), groups: [] })).toBe(true);
    expect(canViewTeamTraining({ kind: 'staff', id: 'x', roles: new Map(), groups: [] })).toBe(false);
  });
});
