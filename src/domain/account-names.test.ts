import { describe, expect, it } from 'vitest';
import { normaliseAccountName } from './account-names.js';

describe('normaliseAccountName', () => {
  it.each([
    ['Foo_bar', 'foo bar'], ['foo bar', 'foo bar'], ['FOO BAR', 'foo bar'], ['  Foo   bar ', 'foo bar'], ['Foo__bar', 'foo bar'],
    ['Foo_ _Bar', 'foo bar'], ['Foo\tbar', 'foo bar'], ['Cafe\u0301', 'café'],
  ])('reads %j as %j', (input, expected) => expect(normaliseAccountName(input)).toBe(expected));

  it('keeps different names apart', () => {
    expect(normaliseAccountName('Foo bar')).not.toBe(normaliseAccountName('Foo baz'));
    expect(normaliseAccountName('Foobar')).not.toBe(normaliseAccountName('Foo bar'));
    expect(normaliseAccountName('Foo-bar')).not.toBe(normaliseAccountName('Foo bar'));
  });

  it.each(['', '   ', '___'])('has no form for the blank name %j', (input) => expect(normaliseAccountName(input)).toBeNull());
});
