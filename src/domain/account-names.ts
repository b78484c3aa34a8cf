// Reported accounts are matched the way the wiki itself names users: "Foo_bar", "foo bar" and
// " Foo  bar " are one account. Cases naming the same account are linked through this form.

/**
 * An account name in its matching form: underscores read as spaces, runs of white space
 * collapsed, the ends trimmed, compared without case (NFC first, so composed and decomposed
 * letters agree). Null for a name that is empty once normalised. Case-insensitive on the whole
 * name, which is wider than the wiki (it only folds the first letter): a link proposed between
 * "Sam" and "SAM" is shown to a human, who judges it, while a missed link hides a pattern.
 */
export function normaliseAccountName(name: string): string | null {
  const form = name.normalize('NFC').replace(/_/g, ' ').replace(/\s+/gu, ' ').trim().toLowerCase();
  return form === '' ? null : form;
}
