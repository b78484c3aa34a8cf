import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown, splitBody } from './markdown.js';

// Training content is edited by communities: nothing in it may become script, an event
// handler, a dangerous link or an attribute of its own choosing.

const HOSTILE = [
  ['a script tag', '<script>alert(1)</script>'],
  ['an image with an error handler', '<img src=x onerror=alert(1)>'],
  ['an inline link with a script scheme', '[click](javascript:alert(1))'],
  ['a script scheme in mixed case', '[click](JaVaScRiPt:alert(1))'],
  ['a script scheme hidden in an entity', '[click](&#106;avascript:alert(1))'],
  ['an autolink with a script scheme', '<javascript:alert(1)>'],
  ['a data address', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['a vbscript address', '[click](vbscript:msgbox(1))'],
  ['a reference link with a script scheme', '[click][x]\n\n[x]: javascript:alert(1)'],
  ['a raw anchor', '<a href="javascript:alert(1)" onclick="alert(1)">click</a>'],
  ['an attribute list', 'Text {onclick=alert(1)} [link](https://example.org){: onmouseover="alert(1)"}'],
  ['an image', '![x](https://example.org/x.png "t" onerror=alert(1))'],
  ['a protocol-relative link', '[click](//evil.example/)'],
  ['a link title', '[click](https://example.org "a title" )'],
  ['a table with alignment', '| a | b |\n|:--|--:|\n| 1 | 2 |'],
  ['a fence with a language', '```js" onclick="alert(1)\ncode\n```'],
  ['an iframe', '<iframe src="https://example.org"></iframe>'],
  ['a style tag', '<style>body{display:none}</style>'],
] as const;

/** Every attribute the rendered HTML carries, as name="value". */
function attributes(htmlText: string): string[] {
  return [...htmlText.matchAll(/<[a-z][a-z0-9]*((?:\s+[^\s>]+)*)\s*\/?>/gi)].flatMap((m) => (m[1] ?? '').trim().split(/\s+(?=[a-z-]+=)/i).filter((a) => a !== ''));
}

describe('renderMarkdown', () => {
  it.each(HOSTILE)('keeps %s from reaching the page as markup', (_what, source) => {
    for (const rendered of [renderMarkdown(source), renderInlineMarkdown(source)]) {
      expect(rendered.toLowerCase()).not.toMatch(/<(script|img|iframe|style)\b/);
      expect(rendered.toLowerCase()).not.toMatch(/href="\s*(javascript|vbscript|data):/);
      expect(rendered).not.toMatch(/href="\/\//);
      // The only attribute content can produce is a link's href, and only a safe one.
      for (const attribute of attributes(rendered)) expect(attribute).toMatch(/^href="(https?:\/\/|mailto:|\/(?!\/)|#)[^"]*"$/);
    }
  });

  it('still renders ordinary Markdown: emphasis, lists, tables, safe links and headings one level below the section', () => {
    const rendered = renderMarkdown('## Next steps\n\n- **Reply** within a day\n- See [the queue](/desk/) or [the guide](https://example.org/guide)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(rendered).toContain('<h3>Next steps</h3>');
    expect(rendered).toContain('<li><strong>Reply</strong> within a day</li>');
    expect(rendered).toContain('<a href="/desk/">the queue</a>');
    expect(rendered).toContain('<a href="https://example.org/guide">the guide</a>');
    expect(rendered).toContain('<td>1</td>');
  });

  it('shows raw HTML as text instead of dropping it silently', () => {
    expect(renderMarkdown('<b>bold</b>')).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('splitBody', () => {
  it('cuts the body at each top-level quiz fence and says on which line its YAML starts', () => {
    const parts = splitBody('Intro.\n\n```quiz\nid: a\n```\n\nOutro.\n');
    expect(parts.map((p) => p.kind)).toEqual(['markdown', 'quiz', 'markdown']);
    const quiz = parts[1];
    expect(quiz?.kind === 'quiz' && quiz.firstLine).toBe(3);
    expect(quiz?.kind === 'quiz' && quiz.yaml).toBe('id: a\n');
  });
});
