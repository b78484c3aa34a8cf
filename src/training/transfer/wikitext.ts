import { findTemplates, templateParams } from './wiki-templates.js';

// Wikitext and Markdown for the common ground of training slides: headings, emphasis, lists,
// links and paragraphs. What has no counterpart (tables, images, other templates) is
// listed in docs/TRAINING.md.

const WIKI = 'https://meta.wikimedia.org/wiki/';

/** Removes the markup of the Translate extension and page furniture, keeping the text. */
export function stripTranslateMarkup(text: string): string {
  return text
    .replace(/<noinclude>[\s\S]*?<\/noinclude>\n*/gi, '')
    .replace(/<languages\s*\/>\n*|<languages>\s*<\/languages>\n*/gi, '')
    .replace(/<!--[\s\S]*?-->[ \t]*/g, '')
    .replace(/<translate>[ \t]*\n?/gi, '')
    .replace(/\n?[ \t]*<\/translate>/gi, '')
    .replace(/<tvar[^>]*>|<\/tvar>|<\/>/gi, '')
    .replace(/<span\b[^>]*>|<\/span>/gi, '');
}

function pageUrl(target: string): string {
  return WIKI + encodeURI(target.trim().replace(/^:/, '').replace(/ /g, '_'));
}

/** Slide templates of the dashboard that carry content become links; any other template is dropped. */
function replaceTemplates(text: string): string {
  let out = '';
  let from = 0;
  for (const call of findTemplates(text)) {
    const params = templateParams(call.source);
    const source = params.get('source') ?? params.get('link') ?? '';
    let replacement = '';
    if (/^https?:\/\//.test(source)) {
      if (call.name === 'Training module image') replacement = `[Image: ${params.get('caption') || params.get('image') || source}](${source})`;
      else if (call.name === 'Training module video') replacement = `[Video: ${params.get('caption') || params.get('video') || source}](${source})`;
      else if (call.name === 'Training module button') replacement = `[${params.get('text') || source}](${source})`;
    }
    // These templates are blocks of their own: their links become paragraphs of their own.
    out += text.slice(from, call.start) + (replacement === '' ? '' : `\n\n${replacement}\n\n`);
    from = call.end;
  }
  return out + text.slice(from);
}

function inlineToMarkdown(text: string): string {
  return text
    .replace(/\[\[(?:Category|Kategorie|Categoría):[^\]]*\]\]/gi, '')
    .replace(/\[\[(?:File|Image):([^|\]]+)(?:\|[^\]]*)?\]\]/gi, (_m, file: string) => `[File: ${file.trim()}](https://commons.wikimedia.org/wiki/File:${encodeURI(file.trim().replace(/ /g, '_'))})`)
    .replace(/\[\[#[^|\]]*\|([^\]]+)\]\]/g, '$1')
    .replace(/\[\[([^|\]]+)\|([^\]]+)\]\]/g, (_m, target: string, label: string) => `[${label}](${pageUrl(target)})`)
    .replace(/\[\[([^\]]+)\]\]/g, (_m, target: string) => `[${target.replace(/^:/, '')}](${pageUrl(target)})`)
    .replace(/\[(https?:\/\/[^\s\]]+)\s+([^\]]+)\]/g, '[$2]($1)')
    .replace(/\[(https?:\/\/[^\s\]]+)\]/g, '<$1>')
    .replace(/'''''(.+?)'''''/g, '***$1***')
    .replace(/'''(.+?)'''/g, '**$1**')
    .replace(/''(.+?)''/g, '*$1*')
    .replace(/<br\s*\/?>/gi, '  \n')
    .replace(/<code>(.*?)<\/code>/gi, '`$1`')
    .replace(/<\/?[a-z][^>]*>/gi, '');
}

function lineToMarkdown(line: string): string {
  const heading = /^(={2,6})\s*(.*?)\s*\1\s*$/.exec(line);
  if (heading !== null) return `${'#'.repeat((heading[1]?.length ?? 2) - 1)} ${heading[2] ?? ''}`;
  const list = /^([*#:;]+)\s*(.*)$/.exec(line);
  if (list === null) return line;
  const marks = list[1] ?? '';
  const indent = '   '.repeat(marks.length - 1);
  const last = marks.at(-1);
  if (last === '*') return `${indent}- ${list[2] ?? ''}`;
  if (last === '#') return `${indent}1. ${list[2] ?? ''}`;
  return `${indent}${list[2] ?? ''}`;
}

const LIST_LINE = /^\s*(?:[-*+]|\d+[.)])\s/;

/** Wikitext of a slide (without its title) as Markdown. */
export function wikitextToMarkdown(text: string): string {
  const lines = inlineToMarkdown(replaceTemplates(stripTranslateMarkup(text))).split('\n').map(lineToMarkdown);
  // In Markdown a line after a list item continues the item; in wikitext it starts a paragraph.
  const separated = lines.flatMap((line, i) => (i > 0 && LIST_LINE.test(lines[i - 1] ?? '') && line.trim() !== '' && !LIST_LINE.test(line) ? ['', line] : [line]));
  return separated.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Joins Markdown's soft-wrapped lines: in wikitext a new line ends a list item. */
function unwrap(text: string): string[] {
  const out: string[] = [];
  let joinable = false;
  for (const line of text.split('\n')) {
    const starts = line.trim() === '' || /^\s*(#{1,6}\s|>|```)/.test(line) || LIST_LINE.test(line);
    if (!starts && joinable && out.length > 0) out.push(`${out.pop() ?? ''} ${line.trim()}`);
    else out.push(line);
    joinable = line.trim() !== '' && !/^\s*#{1,6}\s/.test(line);
  }
  return out;
}

function inlineToWikitext(text: string): string {
  // Code spans are set aside (behind a private-use character) so nothing inside them is converted.
  const code: string[] = [];
  return text
    .replace(/`([^`]+)`/g, (_m, inner: string) => `\uE000${code.push(inner) - 1}\uE000`)
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^)\s]+)\)/g, '[$2 $1]')
    // A link to a page of this Haven has no meaning on another site: its words stay.
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*\*(.+?)\*\*\*/g, "'''''$1'''''")
    .replace(/\*\*(.+?)\*\*/g, "'''$1'''")
    .replace(/(^|[^*\w])\*(?!\s)(.+?)\*(?!\w)/g, "$1''$2''")
    .replace(/(^|\W)_(?!\s)(.+?)_(?!\w)/g, "$1''$2''")
    .replace(/\uE000(\d+)\uE000/g, (_m, index: string) => `<code>${code[Number(index)] ?? ''}</code>`);
}

/** Markdown of a section as wikitext; headings go one level down, under the slide's own title. */
export function markdownToWikitext(text: string): string {
  return unwrap(text).map((line) => {
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading !== null) {
      const marks = '='.repeat(Math.min(6, (heading[1]?.length ?? 1) + 1));
      return `${marks} ${inlineToWikitext(heading[2] ?? '')} ${marks}`;
    }
    const list = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (list !== null) {
      const depth = Math.floor((list[1]?.length ?? 0) / 2) + 1;
      return `${(/\d/.test(list[2] ?? '') ? '#' : '*').repeat(depth)} ${inlineToWikitext(list[3] ?? '')}`;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote !== null) return `: ${inlineToWikitext(quote[1] ?? '')}`;
    return inlineToWikitext(line);
  }).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
