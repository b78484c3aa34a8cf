import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findLeaks, identifierSkeleton, type ProtectedIdentifier } from './leak-guard.js';

const reporter: ProtectedIdentifier = { kind: 'account_name', label: 'reporter', value: 'Quiet_Heron' };
const target: ProtectedIdentifier = { kind: 'display_name', label: 'target', value: 'Mara Delgado' };
const email: ProtectedIdentifier = { kind: 'email', label: 'reporter', value: 'heron.notes@example.org' };
const shortName: ProtectedIdentifier = { kind: 'account_name', label: 'target', value: 'Ann' };

function found(text: string, ids: ProtectedIdentifier[] = [reporter, target, email], publicLinks: string[] = []): string[] {
  return findLeaks({ text, identifiers: ids, publicLinks }).map((h) => `${h.label}:${h.kind}:${h.found}`);
}

describe('findLeaks catches an identifier however it is written', () => {
  it.each([
    ['exact', 'A report from Quiet_Heron says you', 'Quiet_Heron'],
    ['with a space', 'A report from Quiet Heron says you', 'Quiet Heron'],
    ['upper case', 'QUIET_HERON wrote to us', 'QUIET_HERON'],
    ['lower case', 'quiet_heron wrote to us', 'quiet_heron'],
    ['run together', 'quietheron wrote to us', 'quietheron'],
    ['spaced out', 'q u i e t h e r o n wrote to us', 'q u i e t h e r o n'],
    ['dotted', 'Q.u.i.e.t.H.e.r.o.n wrote to us', 'Q.u.i.e.t.H.e.r.o.n'],
    ['zero-width characters', 'Quiet\u200bHer\u200don wrote', 'Quiet\u200bHer\u200don'],
    ['Cyrillic look-alikes', 'Qu\u0456\u0435t H\u0435r\u043en wrote', 'Qu\u0456\u0435t H\u0435r\u043en'],
    ['Greek look-alikes', 'Quiet Her\u03bfn wrote', 'Quiet Her\u03bfn'],
    ['digits for letters', 'Qu13t H3r0n wrote', 'Qu13t H3r0n'],
    ['full-width letters', '\uff31\uff55\uff49\uff45\uff54 Heron wrote', '\uff31\uff55\uff49\uff45\uff54 Heron'],
    ['possessive', "Quiet Heron's messages", 'Quiet Heron'],
    ['as a mention', 'cc @Quiet_Heron!', 'Quiet_Heron'],
  ])('%s', (_name, text, expected) => {
    expect(found(text, [reporter])).toEqual([`reporter:account_name:${expected}`]);
  });

  it('finds display names and addresses, and the address\'s local part alone', () => {
    expect(found('Mara  Delgado asked us')).toEqual(['target:display_name:Mara  Delgado']);
    expect(found('write to HERON.NOTES@EXAMPLE.ORG')).toEqual(['reporter:email:HERON.NOTES@EXAMPLE.ORG']);
    expect(found('the account heron_notes')).toEqual(['reporter:email:heron_notes']);
  });

  it('finds private evidence supplied by a party (a link or a file name)', () => {
    const shot: ProtectedIdentifier = { kind: 'private_evidence', label: 'reporter', value: 'https://files.example.org/shared/abc123.png' };
    expect(found('See https://files.example.org/shared/abc123.png for what you sent', [shot])).toHaveLength(1);
    const file: ProtectedIdentifier = { kind: 'private_evidence', label: 'target', value: 'chat-log-march.pdf' };
    expect(found('as chat_log_march.pdf shows', [file])).toEqual(['target:private_evidence:chat_log_march.pdf']);
  });

  it('names every identifier found, in text order', () => {
    expect(found('Mara Delgado and quiet heron')).toEqual(['target:display_name:Mara Delgado', 'reporter:account_name:quiet heron']);
  });
});

describe('findLeaks does not flag ordinary words', () => {
  it.each([
    'We are planning an announcement about the banner.',
    'Annotations are welcome; the channel is open.',
    'Joanna and Annabel edited the page.',
    'ANNUAL review',
  ])('"Ann" is not found in: %s', (text) => {
    expect(found(text, [shortName])).toEqual([]);
  });

  it('still finds the short name standing alone', () => {
    expect(found("Ann's edits", [shortName])).toEqual(["target:account_name:Ann"]);
    expect(found('thanks, A.N.N.', [shortName])).toEqual(['target:account_name:A.N.N']);
  });

  it('does not flag a longer account that merely begins or ends with the name', () => {
    expect(found('Quiet_Herons and TheQuiet_Heron are other accounts', [reporter])).toEqual([]);
  });

  it('ignores public links the case cites, and any wiki diff link', () => {
    const diff = 'https://wiki.example.org/w/index.php?title=User_talk:Quiet_Heron&diff=123&oldid=120';
    expect(found(`Your edit ${diff} broke the civility policy.`, [reporter])).toEqual([]);
    const page = 'https://wiki.example.org/wiki/User_talk:Quiet_Heron';
    expect(found(`See ${page}`, [reporter], [page])).toEqual([]);
    expect(found(`See ${page}`, [reporter])).toEqual(['reporter:account_name:Quiet_Heron']);
  });

  it('skips identifiers too short to mean anything', () => {
    expect(found('a b c', [{ kind: 'account_name', label: 'reporter', value: 'A' }])).toEqual([]);
  });
});

describe('identifierSkeleton', () => {
  it('treats the separators people use inside a name as nothing', () => {
    expect(identifierSkeleton('Quiet_Heron')).toBe(identifierSkeleton('quiet.heron'));
    expect(identifierSkeleton('Quiet_Heron')).toBe(identifierSkeleton('QUIET HERON'));
  });

  it('any identifier written inside ordinary text between spaces is found', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{1,8}(_[A-Za-z0-9]{1,8})?$/);
    fc.assert(fc.property(word, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (name, before, after) => {
      const id: ProtectedIdentifier = { kind: 'account_name', label: 'reporter', value: name };
      return findLeaks({ text: `${before} ${name} ${after}`, identifiers: [id] }).length >= 1;
    }));
  });
});
