import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReferralPacket, type PacketSource, type ReferralAudience } from './referral-packet.js';
import type { ConsentGrant, ConsentSubject, PartyConsent } from './consent.js';

const SOURCE: PacketSource = {
  reference: 'HV-2026-000042',
  summary: 'Repeated hostile messages across several talk pages.',
  reporter: { partyId: 'p-rep', username: 'Reporting User', contactEmail: 'reporter@example.org' },
  target: { partyId: 'p-tgt', username: 'Target User' },
  evidence: [
    { id: 'e-public', url: 'https://wiki.example.org/diff/1', privatelyFrom: null, personalInformation: false },
    { id: 'e-rep-private', url: 'https://files.example.org/screenshot', privatelyFrom: 'reporter', personalInformation: false },
    { id: 'e-tgt-private', url: 'https://files.example.org/email', privatelyFrom: 'target', personalInformation: false },
    { id: 'e-doxx', url: 'https://wiki.example.org/diff/2', privatelyFrom: null, personalInformation: true },
  ],
  timeline: [{ at: '2026-03-01T10:00:00.000Z', type: 'report_received' }, { at: '2026-03-01T11:00:00.000Z', type: 'case_assigned' }],
};

const consent = (partyId: string, role: 'reporter' | 'target', grants: ConsentGrant[]): PartyConsent =>
  ({ partyId, role, grants, recordedAt: '2026-03-01T09:00:00.000Z' });

describe('the referral packet, consent combination by combination, field by field', () => {
  const AUDIENCE: ReferralAudience = 'trust_and_safety';
  const subjectsFor = (subjects: ConsentSubject[], audience: ReferralAudience = AUDIENCE) => subjects.map((subject) => ({ subject, audience }));
  const cases: [string, PartyConsent[], {
    reporterUsername: string | null; reporterContact: string | null; targetUsername: string | null; evidence: string[]; leftOut: string[];
  }][] = [
    ['no consent recorded', [], {
      reporterUsername: null, reporterContact: null, targetUsername: null, evidence: ['e-public'],
      leftOut: ['reporter_identity:no_consent', 'reporter_contact:no_consent', 'target_identity:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:2'],
    }],
    ['reporter identity only', [consent('p-rep', 'reporter', subjectsFor(['identity']))], {
      reporterUsername: 'Reporting User', reporterContact: null, targetUsername: null, evidence: ['e-public'],
      leftOut: ['reporter_contact:no_consent', 'target_identity:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:2'],
    }],
    ['reporter identity and contact', [consent('p-rep', 'reporter', subjectsFor(['identity', 'contact']))], {
      reporterUsername: 'Reporting User', reporterContact: 'reporter@example.org', targetUsername: null, evidence: ['e-public'],
      leftOut: ['target_identity:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:2'],
    }],
    ['reporter private evidence only', [consent('p-rep', 'reporter', subjectsFor(['private_evidence']))], {
      reporterUsername: null, reporterContact: null, targetUsername: null, evidence: ['e-public', 'e-rep-private'],
      leftOut: ['reporter_identity:no_consent', 'reporter_contact:no_consent', 'target_identity:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:1'],
    }],
    ['target identity and private evidence', [consent('p-tgt', 'target', subjectsFor(['identity', 'private_evidence']))], {
      reporterUsername: null, reporterContact: null, targetUsername: 'Target User', evidence: ['e-public', 'e-tgt-private'],
      leftOut: ['reporter_identity:no_consent', 'reporter_contact:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:1'],
    }],
    ['everything, from both', [
      consent('p-rep', 'reporter', subjectsFor(['identity', 'contact', 'private_evidence'])),
      consent('p-tgt', 'target', subjectsFor(['identity', 'contact', 'private_evidence'])),
    ], {
      reporterUsername: 'Reporting User', reporterContact: 'reporter@example.org', targetUsername: 'Target User',
      evidence: ['e-public', 'e-rep-private', 'e-tgt-private'], leftOut: ['personal_information:never_shared:1'],
    }],
    ['everything, but for the other audience', [
      consent('p-rep', 'reporter', subjectsFor(['identity', 'contact', 'private_evidence'], 'functionaries')),
      consent('p-tgt', 'target', subjectsFor(['identity', 'contact', 'private_evidence'], 'functionaries')),
    ], {
      reporterUsername: null, reporterContact: null, targetUsername: null, evidence: ['e-public'],
      leftOut: ['reporter_identity:no_consent', 'reporter_contact:no_consent', 'target_identity:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:2'],
    }],
    ['a consent recorded for another party of the same role', [consent('p-someone-else', 'reporter', subjectsFor(['identity', 'contact']))], {
      reporterUsername: null, reporterContact: null, targetUsername: null, evidence: ['e-public'],
      leftOut: ['reporter_identity:no_consent', 'reporter_contact:no_consent', 'target_identity:no_consent', 'personal_information:never_shared:1', 'private_evidence:no_consent:2'],
    }],
  ];

  it.each(cases)('%s', (_name, consents, expected) => {
    const packet = buildReferralPacket(SOURCE, AUDIENCE, consents);
    expect(packet.audience).toBe(AUDIENCE);
    expect(packet.reference).toBe('HV-2026-000042');
    expect(packet.summary).toBe(SOURCE.summary);
    expect(packet.reporterUsername).toBe(expected.reporterUsername);
    expect(packet.reporterContact).toBe(expected.reporterContact);
    expect(packet.targetUsername).toBe(expected.targetUsername);
    expect(packet.evidence.map((e) => e.id)).toEqual(expected.evidence);
    expect(packet.timeline).toEqual(SOURCE.timeline);
    expect(packet.leftOut.map((l) => [l.what, l.why, ...(l.count === undefined ? [] : [l.count])].join(':'))).toEqual(expected.leftOut);
  });

  it('says nothing is left out about a person the case does not have', () => {
    const packet = buildReferralPacket({ ...SOURCE, reporter: null, target: null, evidence: [] }, AUDIENCE, []);
    expect(packet.leftOut).toEqual([]);
    expect(packet.reporterUsername).toBeNull();
  });

  it('never lets personal information out, whatever is granted', () => {
    const grant = fc.record({ subject: fc.constantFrom('identity' as const, 'contact' as const, 'private_evidence' as const), audience: fc.constantFrom('trust_and_safety' as const, 'functionaries' as const) });
    fc.assert(fc.property(fc.array(grant), fc.array(grant), fc.constantFrom('trust_and_safety' as const, 'functionaries' as const), (rep, tgt, audience) => {
      const packet = buildReferralPacket(SOURCE, audience, [consent('p-rep', 'reporter', rep), consent('p-tgt', 'target', tgt)]);
      expect(packet.evidence.map((e) => e.id)).not.toContain('e-doxx');
      if (packet.reporterContact !== null) expect(rep.some((g) => g.subject === 'contact' && g.audience === audience)).toBe(true);
    }));
  });
});
