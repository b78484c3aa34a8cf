import { describe, expect, it } from 'vitest';
import { judgeBoilerplate } from './boilerplate.js';
import { fillTemplate } from './reply-templates.js';
import { STARTER_TEMPLATES } from './starter-templates.js';

const BLANKS = '[what you understood from the report]';
const FIRST = '[what you will look at first]';
const TEMPLATE = fillTemplate(
  `Hello {recipientName},\n\nI am {handlerName} and I will look after {caseReference}. ${BLANKS}\n\nThe first thing I will look at is ${FIRST}. You will hear from me by {promiseDate}.`,
  { recipientName: 'Ola', handlerName: 'Kim', caseReference: 'HV-2026-000001', promiseDate: '4 December' },
);
const replace = (text: string, pairs: [string, string][]): string => pairs.reduce((t, [a, b]) => t.replace(a, b), text);

// Each row: what the handler did to the filled template, and whether Haven calls it boilerplate.
const NEAR_MISSES: { what: string; sent: string; boilerplate: boolean }[] = [
  { what: 'sent unchanged', sent: TEMPLATE, boilerplate: true },
  { what: 'punctuation changed, blanks removed', sent: replace(TEMPLATE, [[BLANKS, ''], [FIRST, 'that'], [',', '!'], ['.', ';']]), boilerplate: true },
  { what: 'blanks removed, only a name added', sent: replace(TEMPLATE, [[BLANKS, ''], [FIRST, ''], ['Hello Ola', 'Hello Ola Nordmann']]), boilerplate: true },
  { what: 'blanks removed, stock phrases added', sent: `${replace(TEMPLATE, [[BLANKS, 'Thanks!'], [FIRST, 'it']])}\n\nHope this helps. Kind regards, thank you`, boilerplate: true },
  { what: 'blanks left as they are, a real sentence elsewhere', sent: `${TEMPLATE}\nI read every diff you linked and the talk page thread.`, boilerplate: true },
  { what: 'one blank left, the other filled well', sent: replace(TEMPLATE, [[FIRST, 'the edit history of the article you named and its talk page']]), boilerplate: true },
  { what: 'blanks filled with a word each', sent: replace(TEMPLATE, [[BLANKS, 'Harassment.'], [FIRST, 'diffs']]), boilerplate: true },
  { what: 'blanks filled with two words each', sent: replace(TEMPLATE, [[BLANKS, 'Noted, thanks.'], [FIRST, 'the diffs']]), boilerplate: true },
  { what: 'blanks removed and one real sentence about the case', sent: replace(TEMPLATE, [[BLANKS, 'You were followed to three articles after the deletion debate.'], [FIRST, 'that']]), boilerplate: false },
  { what: 'blanks filled properly', sent: replace(TEMPLATE, [[BLANKS, 'Someone keeps undoing your edits and leaving comments about you.'], [FIRST, 'the history of the two articles you named']]), boilerplate: false },
  { what: 'blanks filled with four short words each', sent: replace(TEMPLATE, [[BLANKS, 'Reverts, then personal comments.'], [FIRST, 'both article histories first']]), boilerplate: false },
  { what: 'written mostly from scratch', sent: 'Hello Ola, I read your report about the comments on your user page and I am sorry this is happening. I will look at the page history today and write by Friday.', boilerplate: false },
];

describe('the boilerplate rule', () => {
  it.each(NEAR_MISSES)('$what → boilerplate $boilerplate', ({ sent, boilerplate }) => {
    expect(judgeBoilerplate(TEMPLATE, sent).boilerplate).toBe(boilerplate);
  });

  it('names the blanks left as the reason, and counts them', () => {
    const verdict = judgeBoilerplate(TEMPLATE, TEMPLATE);
    expect(verdict).toMatchObject({ boilerplate: true, reason: 'blanks_left', blanksLeft: 2 });
  });

  it('does not let courtesies join real words into a sentence', () => {
    const sent = replace(TEMPLATE, [[BLANKS, 'Thanks, hope this helps, take care, kind regards.'], [FIRST, 'it']]);
    expect(judgeBoilerplate(TEMPLATE, sent)).toMatchObject({ boilerplate: true, reason: 'too_little_added' });
  });

  it('judges a template without blanks by the sentence it needs', () => {
    const plain = 'Hello Ola, we have your report and will write again by Friday.';
    expect(judgeBoilerplate(plain, `${plain} Thanks!`).boilerplate).toBe(true);
    expect(judgeBoilerplate(plain, `${plain} I already looked at the first link and it is still up.`).boilerplate).toBe(false);
  });

  it('flags every shipped template sent unchanged', () => {
    for (const t of STARTER_TEMPLATES) expect(judgeBoilerplate(t.body, t.body).boilerplate, t.key).toBe(true);
  });

  it('stays linear on a very long reply', () => {
    const long = `${TEMPLATE} ${'word '.repeat(5000)}`;
    expect(judgeBoilerplate(`${TEMPLATE} ${'other '.repeat(2000)}`, long).boilerplate).toBe(true);
  });
});
