// A loaded training module. Every *Html field is markup made by the Markdown renderer
// (markdown.ts: raw HTML off, safe links only), so pages may insert it as it is.

export interface QuizOption { id: string; textHtml: string; explanationHtml: string }

export interface QuizQuestion {
  id: string;
  situationHtml: string | null;
  questionHtml: string;
  options: QuizOption[];
  best: string;
  /** Where to talk the question over (http or https), if the module names a place. */
  discussion: string | null;
}

export type SectionBlock = { kind: 'html'; html: string } | { kind: 'question'; question: QuizQuestion };

/** A section in one language. */
export interface SectionText {
  language: string;
  title: string;
  blocks: SectionBlock[];
}

export interface TrainingSection {
  id: string;
  /** The section in each language it exists in; the module's own language is always there. */
  texts: ReadonlyMap<string, SectionText>;
}

export interface TrainingModule {
  id: string;
  order: number;
  /** The language of the files without a language in their name. */
  language: string;
  titles: ReadonlyMap<string, string>;
  summaries: ReadonlyMap<string, string>;
  estimatedMinutes: number;
  sections: TrainingSection[];
}

/** Every question of a section, in the order they appear, in its own language. */
export function sectionQuestions(text: SectionText): QuizQuestion[] {
  return text.blocks.flatMap((block) => (block.kind === 'question' ? [block.question] : []));
}
