import { z } from 'zod';
import { CONSENT_AUDIENCES, CONSENT_SUBJECTS, CONSENTING_ROLES } from '../../domain/consent.js';

/** One thing a party agrees may go to one audience. */
export const ConsentGrantSchema = z.strictObject({ subject: z.enum(CONSENT_SUBJECTS), audience: z.enum(CONSENT_AUDIENCES) });

/** A party's consent, replaced whole: everything not listed may not be shared. */
export const ConsentBody = z.strictObject({
  grants: z.array(ConsentGrantSchema).max(CONSENT_SUBJECTS.length * CONSENT_AUDIENCES.length)
    .refine((grants) => new Set(grants.map((g) => `${g.subject}:${g.audience}`)).size === grants.length, { message: 'Each grant once.' }),
});
export type ConsentBody = z.infer<typeof ConsentBody>;

/** A party's consent as recorded; `recordedAt` null: never asked, so nothing may be shared. */
export const ConsentResponse = z.object({
  consent: z.object({
    partyId: z.string(),
    role: z.enum(CONSENTING_ROLES),
    grants: z.array(ConsentGrantSchema),
    recordedAt: z.string().nullable(),
  }),
});
export type ConsentResponse = z.infer<typeof ConsentResponse>;
