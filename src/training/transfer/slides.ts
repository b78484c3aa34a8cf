import type { DraftQuestion, DraftText, ModuleDraft } from './draft.js';

/** Turns a slug from elsewhere into a Haven id: lower case, letters, digits and hyphens. */
export function sectionIdFrom(slug: string): string {
  const id = slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 63);
  return id === '' ? 'section' : id;
}

export interface Slide {
  id: number;
  slug: string;
  title: string;
  markdown: string;
  /** The slide's one question (both formats allow one per slide), after its text. */
  question: DraftQuestion | null;
  /** The section and text the slide comes from, for translations. */
  section: string;
  part: number;
}

/** The slides of one section text: Markdown up to each question, then that question; then what is left. */
export function splitIntoSlides(text: DraftText): { markdown: string; question: DraftQuestion | null }[] {
  const slides: { markdown: string; question: DraftQuestion | null }[] = [];
  let pending: string[] = [];
  for (const block of text.blocks) {
    if (block.kind === 'markdown') {
      pending.push(block.text);
      continue;
    }
    slides.push({ markdown: pending.join('\n\n'), question: block.question });
    pending = [];
  }
  if (pending.length > 0 || slides.length === 0) slides.push({ markdown: pending.join('\n\n'), question: null });
  return slides;
}

/**
 * Haven sections as slides. Both formats allow one question per slide, so a section with
 * several questions becomes several slides, titled alike. Slugs are prefixed with the module
 * id because both formats share one namespace of slugs across all modules; slide ids are the
 * module number times 100 plus the slide's position, as Wiki Education numbers its own.
 */
export function questionSlides(draft: ModuleDraft, moduleNumber: number): Slide[] {
  const slides: Slide[] = [];
  for (const section of draft.sections) {
    const text = section.texts.get(draft.language);
    if (text === undefined) continue;
    splitIntoSlides(text).forEach((part, index) => {
      slides.push({
        id: moduleNumber * 100 + slides.length + 1, slug: `${draft.id}-${section.id}${index === 0 ? '' : `-${index + 1}`}`,
        title: text.title, markdown: part.markdown, question: part.question, section: section.id, part: index,
      });
    });
  }
  if (slides.length > 99) throw new Error(`${draft.id} makes ${slides.length} slides; slide ids allow at most 99 per module`);
  return slides;
}
