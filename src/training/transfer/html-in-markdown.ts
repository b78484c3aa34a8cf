// Wiki Education's slides are Markdown with some raw HTML in them (figures, embedded videos,
// buttons). Haven renders no raw HTML, so on import each such piece becomes a plain link to
// what it showed, and any other tag is dropped, keeping its text.

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? new RegExp(`\\b${name}\\s*=\\s*'([^']*)'`, 'i').exec(tag)?.[1] ?? null;
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Replaces the raw HTML in Markdown with Markdown links and plain text. */
export function htmlToMarkdown(markdown: string): string {
  return markdown
    .replace(/<figure\b[^>]*>([\s\S]*?)<\/figure>/gi, (_m, inner: string) => {
      const src = attribute(/<img\b[^>]*>/i.exec(inner)?.[0] ?? '', 'src');
      const caption = text(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(inner)?.[1] ?? '') || attribute(inner, 'alt') || 'image';
      return src === null ? caption : `[Image: ${caption}](${src})`;
    })
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const src = attribute(tag, 'src');
      return src === null ? '' : `[Image: ${attribute(tag, 'alt') || 'image'}](${src})`;
    })
    .replace(/<iframe\b[^>]*>[\s\S]*?<\/iframe>|<iframe\b[^>]*\/?>/gi, (tag) => {
      const src = attribute(tag, 'src');
      return src === null ? '' : `[Video](${src})`;
    })
    .replace(/<a\b[^>]*>([\s\S]*?)<\/a>/gi, (tag, inner: string) => {
      const href = attribute(tag, 'href');
      return href === null ? text(inner) : `[${text(inner) || href}](${href})`;
    })
    .replace(/<br\s*\/?>/gi, '  \n')
    .replace(/<\/?[a-z][a-z0-9]*\b[^>]*>/gi, '');
}
