import { describe, expect, it } from 'vitest';
import { markdownToWikitext, stripTranslateMarkup, wikitextToMarkdown } from './wikitext.js';
import { findTemplates, templateParams } from './wiki-templates.js';

describe('stripTranslateMarkup', () => {
  it('keeps the text and drops the Translate extension\'s markup', () => {
    const page = '<noinclude><languages/></noinclude>\n<translate><!--T:1--> == Title == </translate>\n\n<translate><!--T:2-->\nBody with <tvar name="x">[[a link]]</tvar>.</translate>';
    expect(stripTranslateMarkup(page)).toBe('== Title ==\n\nBody with [[a link]].');
  });
});

describe('templateParams', () => {
  it('reads named parameters, keeping pipes that belong to links or nested templates', () => {
    const [call] = findTemplates("Text {{Training module quiz\n| question = Which [[Help:Contents|help page]]?\n| answer_1 = One {{!}} two\n| correct_answer_id = 1\n}} after");
    expect(call?.name).toBe('Training module quiz');
    const params = templateParams(call?.source ?? '');
    expect(params.get('question')).toBe('Which [[Help:Contents|help page]]?');
    expect(params.get('answer_1')).toBe('One | two');
    expect(params.get('correct_answer_id')).toBe('1');
  });
});

describe('wikitextToMarkdown', () => {
  it('converts headings, emphasis, lists, links and the slide templates that carry content', () => {
    const wiki = [
      "=== Next steps ===", "A '''bold''' and ''gentle'' reply.", "* first", "** nested", "# one", "After the list.",
      '[[Help:Contents|the help pages]] and [https://example.org the guide].',
      '{{Training module image\n| image = File:Example.jpg\n| source = https://upload.example.org/example.jpg\n| caption = A caption\n}}',
      '{{Some other template|x=1}}[[Category:Slides]]',
    ].join('\n');
    expect(wikitextToMarkdown(wiki)).toBe([
      '## Next steps', 'A **bold** and *gentle* reply.', '- first', '   - nested', '1. one', '', 'After the list.',
      '[the help pages](https://meta.wikimedia.org/wiki/Help:Contents) and [the guide](https://example.org).', '',
      '[Image: A caption](https://upload.example.org/example.jpg)',
    ].join('\n'));
  });
});

describe('markdownToWikitext', () => {
  it('converts the common ground back, joining soft-wrapped lines and dropping links to Haven\'s own pages', () => {
    const markdown = '## Why\n\nA **kind** reply, written\nto *this* person.\n\n- one item\n  that wraps\n- see [the guide](https://example.org/g) or [the queue](/desk/)\n\n1. `code`';
    expect(markdownToWikitext(markdown)).toBe("=== Why ===\n\nA '''kind''' reply, written to ''this'' person.\n\n* one item that wraps\n* see [https://example.org/g the guide] or the queue\n\n# <code>code</code>");
  });

  it('round-trips its own output through the importer', () => {
    const markdown = '## Heading\n\nA **bold** word and a [link](https://example.org).\n\n- one\n- two';
    expect(wikitextToMarkdown(markdownToWikitext(markdown))).toBe(markdown);
  });
});
