// The API contract of referrals to outside venues (issue 12). The packet schema is also how the
// stored packet is checked on the way back in (src/db/repositories/referrals.ts).
import { z } from 'zod';
import { isVenueId } from '../../domain/routing-rules.js';
import { isDeskSlug } from '../../domain/desks.js';
import { cleanText } from '../text-rules.js';

const LEFT_OUT_WHAT = ['reporter_identity', 'reporter_contact', 'target_identity', 'private_evidence', 'personal_information'] as const;
const LEFT_OUT_WHY = ['no_consent', 'never_shared'] as const;

/** The packet as stored and shown: what goes, and what stays and why. The reporter's address is never shown, only whether it goes. */
export const ReferralPacket = z.object({
  audience: z.enum(['trust_and_safety', 'functionaries']),
  reference: z.string(),
  summary: z.string(),
  reporterUsername: z.string().nullable(),
  /** Whether the reporter's address goes with the packet (their consent covers it). */
  reporterContact: z.boolean(),
  targetUsername: z.string().nullable(),
  evidence: z.array(z.object({ id: z.string(), url: z.string() })),
  timeline: z.array(z.object({ at: z.string(), type: z.string() })),
  leftOut: z.array(z.object({ what: z.enum(LEFT_OUT_WHAT), why: z.enum(LEFT_OUT_WHY), count: z.number().int().optional() })),
});
export type ReferralPacket = z.infer<typeof ReferralPacket>;

/** One referral the case made, and how it stands. */
export const Referral = z.object({
  id: z.string(),
  venue: z.string(),
  sentAt: z.string(),
  sentBy: z.string().nullable(),
  packet: ReferralPacket,
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedHow: z.enum(['closed', 'taken_back']).nullable(),
});
export type Referral = z.infer<typeof Referral>;

/** A case's referral: the packet it would send now (null when its venue is not a referral venue), and those sent. */
export const ReferralResponse = z.object({
  /** The venue chosen for the case, when a packet goes there. */
  venue: z.string().nullable(),
  /** Whether the desk has an address for that venue (an admin sets it). */
  addressSet: z.boolean(),
  preview: ReferralPacket.nullable(),
  referrals: z.array(Referral),
});
export type ReferralResponse = z.infer<typeof ReferralResponse>;

/** The handler's summary for the venue; the rest of the packet is built from the case. */
export const SendReferralBody = z.strictObject({ summary: cleanText(4000, 1) });
export type SendReferralBody = z.input<typeof SendReferralBody>;

/** The venue's answer, as the handler records it. */
export const ReferralAnswerBody = z.strictObject({ answer: cleanText(4000, 1) });
export type ReferralAnswerBody = z.input<typeof ReferralAnswerBody>;

/** Why the desk takes the case back from the venue. */
export const TakeBackBody = z.strictObject({ reason: cleanText(2000, 1) });
export type TakeBackBody = z.input<typeof TakeBackBody>;

const venueId = z.string().max(40).refine(isVenueId, { message: 'A venue id is lower-case letters, digits and underscores.' });

/** A desk's venue and the address it is written to. */
export const VenueAddressParams = z.strictObject({
  slug: z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its slug.' }),
  venue: venueId,
});

/** An admin sets (or, with null, removes) where a venue is written to. */
export const VenueAddressBody = z.strictObject({
  email: z.email({ message: 'An email address like name@example.org.' }).max(254).nullable(),
});
export type VenueAddressBody = z.input<typeof VenueAddressBody>;

/** The addresses of a desk's referral venues, for its admins. */
export const VenueAddressesResponse = z.object({
  venues: z.array(z.object({ venue: z.string(), email: z.string().nullable() })),
});
export type VenueAddressesResponse = z.infer<typeof VenueAddressesResponse>;
