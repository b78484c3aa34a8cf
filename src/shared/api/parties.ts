import { z } from 'zod';
import { PARTY_ROLES } from '../../domain/case-parts.js';
import { ACCOUNT_NAME_MAX } from '../../domain/account-names.js';
import { cleanText } from '../text-rules.js';
import { Party, ReferenceParams } from './cases.js';

// ---- Requests ----

export const PartyParams = ReferenceParams.extend({ partyId: z.string().min(1).max(64).describe('A party of the case, by id.') });
export type PartyParams = z.infer<typeof PartyParams>;

const accountName = cleanText(ACCOUNT_NAME_MAX, 1).transform((s) => s.trim())
  .describe('Their account name on the wiki, as written there (underscores or spaces).');
const displayName = cleanText(200, 1).transform((s) => s.trim()).describe('The name they go by; sealed at rest.');
const contactEmail = z.email({ message: 'Must be an email address, like name@example.org.' }).max(254)
  .describe('Where the desk can write to them; sealed at rest, never shown again.');

/** Someone involved in a case, as a handler names them. */
export const AddPartyBody = z.strictObject({
  role: z.enum(PARTY_ROLES),
  accountName: accountName.nullish(),
  displayName: displayName.nullish(),
  contactEmail: contactEmail.nullish(),
}).refine((b) => (b.accountName ?? null) !== null || (b.displayName ?? null) !== null, {
  message: 'Give an account name or a display name, so the desk knows who this is.', path: ['accountName'],
});
export type AddPartyBody = z.input<typeof AddPartyBody>;

/** A change to a party: an absent field is left as it is, `null` clears it. */
export const EditPartyBody = z.strictObject({
  role: z.enum(PARTY_ROLES).optional(),
  accountName: accountName.nullable().optional(),
  displayName: displayName.nullable().optional(),
  contactEmail: contactEmail.nullable().optional(),
}).refine((b) => Object.keys(b).length > 0, { message: 'Change at least one detail.', path: [''] });
export type EditPartyBody = z.input<typeof EditPartyBody>;

/** How the target of a third-party report gets their own access code. */
export const IssueAccessBody = z.discriminatedUnion('delivery', [
  z.strictObject({ delivery: z.literal('email'), contactEmail: contactEmail.describe('Where to send the code; kept sealed as their address.') }),
  z.strictObject({ delivery: z.literal('show') }).describe('Show the code once, for the handler to pass on through a private channel.'),
]);
export type IssueAccessBody = z.input<typeof IssueAccessBody>;

/** What the target said when the desk contacted them; null for not asked or no answer. */
export const TargetWishesBody = z.strictObject({
  wantsAction: z.enum(['yes', 'no', 'unsure']).nullable(),
  agreesToPublicSteps: z.boolean().nullable(),
});
export type TargetWishesBody = z.infer<typeof TargetWishesBody>;

// ---- Responses ----

export const PartiesResponse = z.object({ parties: z.array(Party) });
export type PartiesResponse = z.infer<typeof PartiesResponse>;

export const PartyResponse = z.object({
  party: Party,
  /** True when the account named is one the caller linked as their own: the change is kept, and the caller is now recused from the case. */
  recused: z.boolean(),
});
export type PartyResponse = z.infer<typeof PartyResponse>;

export const IssueAccessResponse = z.object({
  /** Only when `delivery` was `show`: the code, this once. Haven keeps only its hash. */
  accessCode: z.string().nullable(),
});
export type IssueAccessResponse = z.infer<typeof IssueAccessResponse>;

export const TargetWishesResponse = z.object({
  wishes: TargetWishesBody.extend({ recordedAt: z.string() }),
});
export type TargetWishesResponse = z.infer<typeof TargetWishesResponse>;
