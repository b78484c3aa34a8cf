import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * The one Markdown renderer for training content. Content comes from files a community
 * edits, so it is treated as untrusted: raw HTML is off (tags are shown as text), links
 * may only go to http, https, mailto or a path on this site, and no attribute is taken
 * from the content: links keep only their address, tables lose their inline styles
 * (the CSP forbids them anyway) and code blocks lose their language class.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['image']);

const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim());

const rules = md.renderer.rules;
rules.link_open = (tokens, index) => {
  const href = String(tokens[index]?.attrGet('href') ?? '#');
  return `<a href="${md.utils.escapeHtml(href)}">`;
};
for (const cell of ['th_open', 'td_open'] as const) {
  rules[cell] = (tokens, index) => `<${tokens[index]?.tag ?? 'td'}>`;
}
rules.fence = (tokens, index) => `<pre><code>${md.utils.escapeHtml(tokens[index]?.content ?? '')}</code></pre>\n`;
rules.code_block = rules.fence;
// The page's h1 is the module and its h2 the section, so a section's own headings start at h3.
rules.heading_open = (tokens, index) => `<${headingTag(tokens[index])}>`;
rules.heading_close = (tokens, index) => `</${headingTag(tokens[index])}>\n`;

function headingTag(token: Token | undefined): string {
  const level = Number(token?.tag.slice(1) ?? 2);
  return `h${Math.min(6, Math.max(3, level + 1))}`;
}

/** Renders block Markdown (paragraphs, lists, tables) to safe HTML. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Renders one line of Markdown (emphasis, links, code) without a paragraph around it. */
export function renderInlineMarkdown(source: string): string {
  return md.renderInline(source);
}

/** A stretch of a section's body: Markdown to render, or a fenced ```quiz block. */
export type BodyPart = { kind: 'markdown'; html: string } | { kind: 'quiz'; yaml: string; firstLine: number; nested: boolean };

/**
 * Splits a section body at its ```quiz fences. `firstLine` is the 0-based body line where
 * the quiz's YAML starts, so problems in it can be reported on the file's own line.
 */
export function splitBody(body: string): BodyPart[] {
  const env = {};
  const tokens = md.parse(body, env);
  const parts: BodyPart[] = [];
  let pending: Token[] = [];
  const flush = (): void => {
    if (pending.length > 0) parts.push({ kind: 'markdown', html: md.renderer.render(pending, md.options, env) });
    pending = [];
  };
  for (const token of tokens) {
    if (token.type === 'fence' && token.info.trim() === 'quiz') {
      flush();
      parts.push({ kind: 'quiz', yaml: token.content, firstLine: (token.map?.[0] ?? 0) + 1, nested: token.level > 0 });
    } else {
      pending.push(token);
    }
  }
  flush();
  return parts;
}
