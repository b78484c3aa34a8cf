import type { Category } from '../src/domain/categories.js';
import type { Prng } from './prng.js';

// Words and sentence shapes for generated reports. Written for the bench; any resemblance to
// real people or accounts is accidental. `{a}` is an account, `{p}` a page, `{n}` a number,
// `{d}` a span of days, `{w}` a filler noun.

const PAGES = ['the Talk page', 'my user talk page', 'the article on river dolphins', 'the village pump', 'the help desk',
  'a deletion discussion', 'the WikiProject Birds page', 'the reference desk', 'an edit summary', 'the administrators\' noticeboard',
  'the article on medieval castles', 'a featured article review', 'the teahouse', 'my sandbox', 'the policy discussion on sourcing'];
const FILLER = ['sources', 'images', 'citations', 'templates', 'categories', 'infoboxes', 'maps', 'translations', 'photographs',
  'footnotes', 'tables', 'timelines', 'captions', 'redirects', 'stubs'];

const GENERIC = [
  'This started after a disagreement about {w} on {p}.',
  'I tried to discuss it calmly on {p} but the replies became personal.',
  'It has been going on for about {d} days now.',
  'I am reporting this because I no longer feel comfortable editing.',
  'Other editors have noticed it too but nobody has stepped in.',
  'The account {a} seems to follow me from page to page.',
  'I have attached the diffs that show the pattern.',
  'Some of the comments were later removed, but I kept links to the revisions.',
  'I would prefer that my name is not shared with the other person.',
  'I do not want to escalate this publicly on a noticeboard.',
  'Please let me know if you need more examples; there are at least {n} more.',
  'The edit summaries alone show how hostile this has become.',
  'I asked them to stop on {p} and they ignored it.',
  'I have been contributing for years and have never experienced anything like this.',
  'A friend of mine who edits {w} had the same thing happen last month.',
];

const BY_CATEGORY: Record<Category, string[]> = {
  threat_of_violence: [
    'The message said I would regret it and mentioned the city where I live.',
    '{a} wrote that someone should teach me a lesson in person.',
    'I am frightened because the threat came with details about my workplace.',
  ],
  self_harm: [
    'An editor posted on {p} that they do not want to live any more.',
    'The message from {a} suggested they might hurt themselves tonight.',
  ],
  personal_information: [
    'My real name and employer were posted on {p} without my consent.',
    '{a} linked to an old social media profile of mine that I never connected to this account.',
    'Someone added my home address to an edit summary; it needs oversight.',
  ],
  sexual_harassment: [
    'I received unwanted messages about my appearance by wiki email.',
    '{a} keeps making sexual comments whenever I post on {p}.',
  ],
  hounding: [
    '{a} reverted almost every edit I made across unrelated articles.',
    'My edits were reverted within minutes, {n} times this week alone.',
    'They reverted my changes to {w} without explanation and then nominated my drafts for deletion.',
    'Every time I edit {p}, the same account shows up and reverts it.',
  ],
  hate: [
    'The comments on {p} mocked my religion and my accent.',
    '{a} used slurs about my nationality in an edit summary.',
  ],
  off_site: [
    'A thread on an outside forum is organising people to target my edits.',
    'Screenshots of my user page were shared on a chat server with insults.',
    '{a} appears to be coordinating with accounts on another site; it may be a sockpuppet ring.',
  ],
  image_based_abuse: [
    'An edited photo of me was uploaded and linked from {p}.',
    'Someone uploaded private images and tagged them with my username.',
  ],
  other: [
    'I am not sure which category fits, but the behaviour of {a} is wearing me down.',
    'The tone on {p} has become intimidating for newcomers like me.',
  ],
};

/** A report text for a category, of a length that varies as real reports do (most short, some long). */
export function reportText(prng: Prng, category: Category, accounts: readonly string[]): string {
  const sentences = Math.max(1, Math.min(60, Math.round(Math.exp(prng.normal(1.7, 0.65)))));
  const own = BY_CATEGORY[category];
  const parts: string[] = [];
  for (let i = 0; i < sentences; i += 1) {
    const template = i === 0 || prng.chance(0.3) ? prng.pick(own) : prng.pick(GENERIC);
    parts.push(fill(prng, template, accounts));
  }
  // Words for the search bench: about one report in a hundred says "arbitration", one in a
  // thousand "sockfarm"; "reverted" comes with a quarter of them through the sentences above.
  if (prng.chance(0.01)) parts.push('I have thought about asking the arbitration committee instead.');
  if (prng.chance(0.001)) parts.push('These accounts may belong to the same sockfarm.');
  return parts.join(' ');
}

/** A message body from a handler. */
export function messageBody(prng: Prng, audience: string): string {
  const opening = audience === 'reported'
    ? 'We are writing about edits made from your account that were reported to the desk.'
    : 'Thank you for writing to us. We have read your report carefully.';
  const middle = prng.pick([
    'We are looking at the diffs you sent and at the wider pattern.',
    'A second handler is reviewing the case with us.',
    'We have asked an administrator to hide the revisions concerned.',
    'We will contact you again by the date shown on your status page.',
    'Please reply if anything changes or if there is more we should see.',
  ]);
  return `${opening} ${middle} ${prng.pick(GENERIC).replace(/\{[apndw]\}/g, 'that')}`;
}

/** An internal note's text. */
export function noteText(prng: Prng): string {
  return prng.pick([
    'Checked contributions; pattern confirmed over several weeks.',
    'Asked a second reviewer to look before we act.',
    'Reporter prefers no public noticeboard thread.',
    'Revisions hidden by an administrator; waiting for confirmation.',
    'Linked to an earlier case about the same account.',
  ]);
}

function fill(prng: Prng, template: string, accounts: readonly string[]): string {
  return template.replace(/\{([apndw])\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'a': return accounts.length === 0 ? 'the other account' : prng.pick(accounts);
      case 'p': return prng.pick(PAGES);
      case 'n': return String(prng.int(2, 40));
      case 'd': return String(prng.int(2, 120));
      default: return prng.pick(FILLER);
    }
  });
}

const FIRST = ['River', 'Stone', 'Maple', 'Quiet', 'Copper', 'Lantern', 'Harbor', 'Falcon', 'Meadow', 'Cedar', 'Ember', 'Pebble',
  'Juniper', 'Orbit', 'Tundra', 'Willow', 'Atlas', 'Bramble', 'Cobalt', 'Drift', 'Fable', 'Glade', 'Hollow', 'Indigo'];
const SECOND = ['Reader', 'Editor', 'Walker', 'Smith', 'Finch', 'Otter', 'Scribe', 'Keeper', 'Fox', 'Wren', 'Heron', 'Badger',
  'Pilot', 'Weaver', 'Miller', 'Archer', 'Tinker', 'Sparrow', 'Lynx', 'Mole'];

/** The i-th account name of the generated community; distinct for every i. */
export function accountName(i: number): string {
  const first = FIRST[i % FIRST.length]!;
  const second = SECOND[Math.floor(i / FIRST.length) % SECOND.length]!;
  const n = Math.floor(i / (FIRST.length * SECOND.length));
  const style = i % 3;
  return style === 0 ? `${first}${second}${n}` : style === 1 ? `${first}_${second}_${n}` : `${first} ${second} ${n}`;
}
