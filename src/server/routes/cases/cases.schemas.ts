import { z } from 'zod';
import { CATEGORIES } from '../../../domain/categories.js';
import { CASE_STATUSES } from '../../../domain/case-lifecycle.js';
import { cleanText } from '../../../shared/text-rules.js';
import { TimelineEntrySchema } from '../../../shared/api/case-events.js';

export const QueueQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  /** Words that must all appear in the report text or the reported accounts. */
  q: cleanText(200, 1).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ReferenceParams = z.strictObject({
  reference: z.string().regex(/^HV-\d{4}-\d{6}$/, { message: 'A case reference looks like HV-2026-000123.' }),
});

// "Assign to me" needs no body; Fastify hands an absent body to the schema as null.
// `takeOver` is the deliberate step of taking a case someone else holds.
export const AssignBody = z.strictObject({ takeOver: z.boolean().optional() }).nullish();

export const ReplyBody = z.strictObject({
  partyId: z.string().min(1).max(64),
  body: cleanText(10_000, 1),
  /** ISO 8601 with an offset, so the promise means the same moment to everyone. */
  promiseUpdateBy: z.iso.datetime({ offset: true, message: 'Must be a date and time with a time zone, like 2026-05-04T17:00:00Z.' }).nullish(),
});

const Assignee = z.object({ id: z.string(), username: z.string() }).nullable();

export const QueueResponse = z.object({
  cases: z.array(z.object({
    reference: z.string(), status: z.string(), category: z.string(), severity: z.string(), assignee: Assignee,
    receivedAt: z.string(), firstResponseDueAt: z.string(), firstRespondedAt: z.string().nullable(),
    reportedAccounts: z.array(z.string()),
  })),
  nextCursor: z.string().nullable(),
});

export const CaseResponse = z.object({
  case: z.object({
    reference: z.string(), status: z.string(), category: z.string(), severity: z.string(), venue: z.string().nullable(),
    assignee: Assignee, receivedAt: z.string(), firstResponseDueAt: z.string(), firstRespondedAt: z.string().nullable(),
    reporterRole: z.string(), immediateDanger: z.boolean(), language: z.string(), reportText: z.string(),
    hasContactEmail: z.boolean(),
    nextUpdateDueAt: z.string().nullable(),
    parties: z.array(z.object({ id: z.string(), role: z.string(), username: z.string().nullable(), canReceiveReplies: z.boolean() })),
    messages: z.array(z.object({
      id: z.string(), partyId: z.string(), direction: z.enum(['to_party', 'from_party']),
      author: z.object({ kind: z.enum(['staff', 'reporter']), username: z.string().optional() }),
      body: z.string(), createdAt: z.string(), promisedUpdateBy: z.string().nullable(),
    })),
    evidence: z.array(z.object({ id: z.string(), kind: z.string(), url: z.string(), addedAt: z.string() })),
    timeline: z.array(TimelineEntrySchema),
  }),
});
