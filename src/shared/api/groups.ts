import { z } from 'zod';
import { isDeskSlug } from '../../domain/desks.js';
import { MAX_GROUP_NAME, MAX_RECUSAL_REASON } from '../../domain/groups.js';
import { ACCOUNT_NAME_MAX } from '../../domain/account-names.js';
import { cleanText } from '../text-rules.js';

// Groups, restricted cases, recusals and linked accounts (issue 11, items 6 and 7). Browser-safe.

const DeskSlug = z.string().max(40).refine(isDeskSlug, { message: 'A desk is named by its slug.' });
const Id = z.string().min(1).max(64);
const GroupName = cleanText(MAX_GROUP_NAME, 1).transform((s) => s.trim()).refine((s) => s !== '', { message: 'Give the group a name.' });

export const GroupsQuery = z.strictObject({
  desk: DeskSlug.describe('Only this desk\'s groups. Without it, those of every desk where the user holds a role.').optional(),
});
export type GroupsQuery = z.input<typeof GroupsQuery>;

export const GroupParams = z.strictObject({ id: Id });
export const GroupMemberParams = z.strictObject({ id: Id, staffId: Id });

export const NewGroupBody = z.strictObject({ desk: DeskSlug, name: GroupName });
export type NewGroupBody = z.input<typeof NewGroupBody>;

export const RenameGroupBody = z.strictObject({ name: GroupName });
export type RenameGroupBody = z.input<typeof RenameGroupBody>;

export const GroupMemberBody = z.strictObject({ staffId: Id.describe('The staff member to add (an admin may add themself; it is audited).') });
export type GroupMemberBody = z.input<typeof GroupMemberBody>;

/** A group of a desk with its members. */
export const Group = z.object({
  id: z.string(),
  desk: z.object({ slug: z.string(), name: z.string() }),
  name: z.string(),
  /** The desk's escalation group: the fallback when recusals leave nobody else. It cannot be deleted. */
  escalation: z.boolean(),
  members: z.array(z.object({ id: z.string(), username: z.string(), addedAt: z.string() })),
});
export type Group = z.infer<typeof Group>;

export const GroupResponse = z.object({ group: Group });
export type GroupResponse = z.infer<typeof GroupResponse>;
export const GroupsResponse = z.object({ groups: z.array(Group) });
export type GroupsResponse = z.infer<typeof GroupsResponse>;

/** Restrict a case to a group of its desk, or lift the restriction with `group: null`. */
export const RestrictionBody = z.strictObject({
  group: Id.nullable().describe('The group\'s id, or null to lift the restriction (only a member can).'),
});
export type RestrictionBody = z.input<typeof RestrictionBody>;

export const RestrictionResponse = z.object({
  restrictedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** False when the user restricted the case to a group they are not in: it is now out of their sight. */
  stillVisible: z.boolean(),
});
export type RestrictionResponse = z.infer<typeof RestrictionResponse>;

export const RecusalBody = z.strictObject({
  reason: cleanText(MAX_RECUSAL_REASON, 0).transform((s) => s.trim()).optional()
    .describe('Why, if they want to say: kept on the timeline for the rest of the desk.'),
});
export type RecusalBody = z.input<typeof RecusalBody>;

export const RecusalResponse = z.object({ recused: z.literal(true) });
export type RecusalResponse = z.infer<typeof RecusalResponse>;

const AccountName = cleanText(ACCOUNT_NAME_MAX, 1).transform((s) => s.trim()).refine((s) => s !== '', { message: 'Give an account name.' });

export const LinkedAccountBody = z.strictObject({ name: AccountName.describe('A wiki account name of yours.') });
export type LinkedAccountBody = z.input<typeof LinkedAccountBody>;

/** The wiki accounts linked to the signed-in user: cases naming them are recused for them. */
export const LinkedAccountsResponse = z.object({
  accounts: z.array(z.object({ name: z.string(), addedAt: z.string() })),
});
export type LinkedAccountsResponse = z.infer<typeof LinkedAccountsResponse>;
