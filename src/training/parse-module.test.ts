import { describe, expect, it } from 'vitest';
import { parseModule, type ModuleFile } from './parse-module.js';
import { formatProblem } from './problems.js';
import { sectionQuestions } from './types.js';

// A small valid module, then one change per row that breaks it: each must be refused with
// the file, the line and words that say what to fix.

const MANIFEST = `title: Replying well
summary: What a first reply does.
estimatedMinutes: 10
sections:
  - intro
  - practice
`;

const INTRO = `---
title: Why it matters
---
Someone wrote to you. **Answer** them.
`;

const QUIZ = `id: first-reply
situation: A report arrives late on a Friday.
question: What do you send first?
options:
  - id: a
    text: Nothing until Monday.
    explanation: Silence over a weekend reads as indifference.
  - id: b
    text: A short, kind acknowledgement with a date.
    explanation: It is prompt and concrete.
best: b
discussion: https://wiki.example.org/wiki/Talk:Training`;

const PRACTICE = `---
title: Practice
---
Before the question.

\`\`\`quiz
${QUIZ}
\`\`\`

After the question.
`;

const PRACTICE_DE = PRACTICE.replace('title: Practice', 'title: Übung').replace('What do you send first?', 'Was schicken Sie zuerst?');

function files(overrides: Record<string, string | null> = {}): ModuleFile[] {
  const base: Record<string, string | null> = { 'module.yaml': MANIFEST, 'intro.md': INTRO, 'practice.md': PRACTICE, 'practice.de.md': PRACTICE_DE, ...overrides };
  return Object.entries(base).flatMap(([name, text]) => (text === null ? [] : [{ name, text }]));
}

describe('parseModule', () => {
  it('loads a valid module with its sections, its quiz in place and its translation', () => {
    const { module, problems } = parseModule('replying', files());
    expect(problems).toEqual([]);
    if (module === null) throw new Error('no module');
    expect(module.sections.map((s) => s.id)).toEqual(['intro', 'practice']);
    expect(module.titles.get('en')).toBe('Replying well');
    expect(module.estimatedMinutes).toBe(10);
    const practice = module.sections[1]?.texts.get('en');
    expect(practice?.blocks.map((b) => b.kind)).toEqual(['html', 'question', 'html']);
    const question = sectionQuestions(practice!)[0];
    expect(question?.best).toBe('b');
    expect(question?.options.map((o) => o.id)).toEqual(['a', 'b']);
    expect(question?.discussion).toBe('https://wiki.example.org/wiki/Talk:Training');
    expect(module.sections[1]?.texts.get('de')?.title).toBe('Übung');
    expect(module.sections[0]?.texts.get('en')?.blocks[0]).toEqual({ kind: 'html', html: '<p>Someone wrote to you. <strong>Answer</strong> them.</p>\n' });
  });

  it('takes questions from front matter too, after the body', () => {
    const frontMatter = `---\ntitle: Practice\nquestions:\n${QUIZ.split('\n').map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`)).join('\n')}\n---\nBody first.\n`;
    const { module, problems } = parseModule('replying', files({ 'practice.md': frontMatter, 'practice.de.md': null }));
    expect(problems).toEqual([]);
    expect(module?.sections[1]?.texts.get('en')?.blocks.map((b) => b.kind)).toEqual(['html', 'question']);
  });

  // [what is broken, the files, the file named, the line, words of the message]
  const broken: [string, Record<string, string | null>, string, number | null, RegExp][] = [
    ['no manifest', { 'module.yaml': null }, 'module.yaml', null, /module\.yaml is missing/],
    ['manifest YAML that does not parse', { 'module.yaml': `${MANIFEST}title: Again\n` }, 'module.yaml', 7, /YAML: Map keys must be unique/],
    ['a manifest without a title', { 'module.yaml': MANIFEST.replace('title: Replying well\n', '') }, 'module.yaml', 1, /title is missing/],
    ['estimated minutes in words', { 'module.yaml': MANIFEST.replace('10', 'ten') }, 'module.yaml', 3, /estimatedMinutes/],
    ['a typo in a manifest field', { 'module.yaml': `${MANIFEST}sumary: x\n` }, 'module.yaml', 7, /unknown field "sumary"/],
    ['a section listed twice', { 'module.yaml': `${MANIFEST}  - intro\n` }, 'module.yaml', 7, /section "intro" is listed twice/],
    ['a listed section without a file', { 'intro.md': null }, 'module.yaml', 5, /section "intro" has no file: add intro\.md/],
    ['a section file that is not listed (unknown section)', { 'outro.md': INTRO }, 'outro.md', null, /"outro" is not a section of this module/],
    ['a translation of an unknown section', { 'outro.fr.md': INTRO }, 'outro.fr.md', null, /"outro" is not a section/],
    ['a section without front matter', { 'intro.md': 'Just text.\n' }, 'intro.md', 1, /front matter/],
    ['a section without a title', { 'intro.md': '---\nsummary: x\n---\nText.\n' }, 'intro.md', 2, /unknown field "summary"/],
    ['a missing best option', { 'practice.md': PRACTICE.replace('best: b\n', '') }, 'practice.md', 7, /question "first-reply": the best option is missing/],
    ['a best option that is not an option', { 'practice.md': PRACTICE.replace('best: b', 'best: e'), 'practice.de.md': null }, 'practice.md', 17, /the best option "e" is not one of the options \(a, b\)/],
    ['an option without an explanation', { 'practice.md': PRACTICE.replace('    explanation: Silence over a weekend reads as indifference.\n', '') }, 'practice.md', 11, /question "first-reply", option "a": the explanation .* is missing/],
    ['an empty explanation', { 'practice.md': PRACTICE.replace('Silence over a weekend reads as indifference.', '""') }, 'practice.md', 13, /option "a": the explanation .* is empty/],
    ['a duplicate option id', { 'practice.md': PRACTICE.replace('  - id: b', '  - id: a').replace('best: b', 'best: a'), 'practice.de.md': null }, 'practice.md', 14, /option id "a" is used twice/],
    ['one option only', { 'practice.md': PRACTICE.replace(/ {2}- id: b[\s\S]*?It is prompt and concrete\.\n/, '').replace('best: b', 'best: a'), 'practice.de.md': null }, 'practice.md', 11, /at least two options/],
    ['a discussion link that is not http', { 'practice.md': PRACTICE.replace('https://wiki.example.org/wiki/Talk:Training', 'javascript:alert(1)') }, 'practice.md', 18, /discussion link must be an http or https address/],
    ['a quiz block that is not YAML', { 'practice.md': PRACTICE.replace('best: b', 'best: b\nbest: a') }, 'practice.md', 18, /YAML: Map keys must be unique/],
    ['a duplicate question id across sections', { 'intro.md': `${INTRO}\n\`\`\`quiz\n${QUIZ}\n\`\`\`\n` }, 'practice.md', 7, /question id "first-reply" is already used in section "intro"/],
    ['a quiz block inside a list', { 'intro.md': `${INTRO}\n- item\n\n  \`\`\`quiz\n  id: x\n  \`\`\`\n` }, 'intro.md', 8, /must stand on its own/],
    ['a translation with other options', { 'practice.de.md': PRACTICE_DE.replace(/ {2}- id: b/, '  - id: c').replace('best: b', 'best: c') }, 'practice.de.md', 7, /options a, c here but a, b in practice\.md/],
    ['a translation with another best option', { 'practice.de.md': PRACTICE_DE.replace('best: b', 'best: a') }, 'practice.de.md', 7, /best option "a" here but "b"/],
    ['a translation without the question', { 'practice.de.md': '---\ntitle: Übung\n---\nNur Text.\n' }, 'practice.de.md', null, /asks questions \(none\), but practice\.md asks first-reply/],
    ['a file named in the module language', { 'intro.en.md': INTRO }, 'intro.en.md', null, /belongs in intro\.md/],
    ['a stray YAML file', { 'notes.yml': 'a: 1\n' }, 'notes.yml', null, /only YAML files of a module/],
  ];

  it.each(broken)('refuses %s, naming the file and line', (_what, overrides, file, line, message) => {
    const { module, problems } = parseModule('replying', files(overrides));
    expect(module).toBeNull();
    const found = problems.find((p) => p.file === file && message.test(p.message));
    expect(found, `expected ${file}:${line ?? ''} ${message.source}; got\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
    expect(found?.line).toBe(line);
  });

  it('refuses a folder name that is not an id', () => {
    const { problems } = parseModule('Replying Well', files());
    expect(problems.map((p) => p.message).join('\n')).toMatch(/folder name "Replying Well" is the module's id/);
  });
});
