import type { DraftQuestion, ModuleDraft } from './draft.js';
import { wordsFromMinutes } from './estimated-time.js';
import { questionSlides, splitIntoSlides, type Slide } from './slides.js';
import { templateValue } from './wiki-templates.js';
import { markdownToWikitext } from './wikitext.js';

const MODULES = 'Training modules/dashboard/modules';
const SLIDES = 'Training modules/dashboard/slides';

function quizTemplate(question: DraftQuestion, translate: boolean): string {
  const wrap = (text: string): string => {
    const value = templateValue(markdownToWikitext(text).replace(/\n+/g, ' '));
    return translate ? `<translate>${value}</translate>` : value;
  };
  // The dashboard has one question text and numbers its answers: the situation leads into it.
  const number = new Map(question.options.map((o, i) => [o.id, i + 1]));
  return [
    '{{Training module quiz',
    `| question = ${wrap([question.situation, question.question].filter((t) => t !== undefined).join(' '))}`,
    `| correct_answer_id = ${number.get(question.best) ?? 1}`,
    ...question.options.flatMap((o, i) => [`| answer_${i + 1} = ${wrap(o.text)}`, `| explanation_${i + 1} = ${wrap(o.explanation)}`]),
    '}}',
  ].join('\n');
}

/** A slide page as the dashboard reads it: the title on the first line, then the text, then the quiz. */
function slidePage(title: string, markdown: string, question: DraftQuestion | null, translate: boolean): string {
  const text = `== ${title} ==\n\n${markdownToWikitext(markdown)}`.trim();
  const quiz = question === null ? '' : `\n${quizTemplate(question, translate)}`;
  // The original language is marked for the Translate extension; translations are plain pages.
  return translate ? `<noinclude><languages/></noinclude>\n<translate>${text}</translate>${quiz}\n` : `${text}${quiz}\n`;
}

function translatedParts(draft: ModuleDraft, slide: Slide, language: string): { title: string; markdown: string; question: DraftQuestion | null } | null {
  const text = draft.sections.find((s) => s.id === slide.section)?.texts.get(language);
  const part = text === undefined ? undefined : splitIntoSlides(text)[slide.part];
  return text === undefined || part === undefined ? null : { title: text.title, ...part };
}

/**
 * A module as Meta-Wiki pages for the Programs & Events Dashboard, each a file named by its
 * page title: the module's JSON page, one wikitext page per slide, a page per translated
 * slide, and the lines to add to the dashboard's index pages so it finds them.
 */
export function exportDashboard(draft: ModuleDraft, moduleNumber: number): Map<string, string> {
  const files = new Map<string, string>();
  const slides = questionSlides(draft, moduleNumber);
  const own = draft.language;
  files.set(`${MODULES}/${draft.id}.json`, `${JSON.stringify({
    id: moduleNumber, slug: draft.id, name: draft.titles.get(own), description: draft.summaries.get(own),
    estimated_ttc: wordsFromMinutes(draft.estimatedMinutes), slides: slides.map((s) => ({ slug: s.slug })),
  }, null, 2)}\n`);
  for (const slide of slides) {
    const title = `${SLIDES}/${slide.id}-${slide.slug}`;
    files.set(`${title}.wikitext`, slidePage(slide.title, slide.markdown, slide.question, true));
    const languages = draft.sections.find((s) => s.id === slide.section)?.texts.keys() ?? [];
    for (const language of languages) {
      const part = language === own ? null : translatedParts(draft, slide, language);
      if (part !== null) files.set(`${title}/${language}.wikitext`, slidePage(part.title, part.markdown, part.question, false));
    }
  }
  files.set('index-links.wikitext', [
    `Add to [[${MODULES}]]:`, `* [[${MODULES}/${draft.id}.json]]`, '', `Add to [[${SLIDES}]]:`,
    ...slides.map((s) => `* [[${SLIDES}/${s.id}-${s.slug}]]`), '',
  ].join('\n'));
  return files;
}
