import type { z } from 'zod';
import type { CaseDetail } from '../../../services/view-case.js';
import type { QueuePage } from '../../../services/list-queue.js';
import type { CaseResponse, QueueResponse } from './cases.schemas.js';

function assignee(id: string | null, username: string | null) {
  return id === null || username === null ? null : { id, username };
}

/** The handler's view of the queue. */
export function presentQueue(page: QueuePage): z.infer<typeof QueueResponse> {
  return {
    cases: page.cases.map((c) => ({
      reference: c.reference, status: c.status, category: c.category, severity: c.severity,
      assignee: assignee(c.assigneeId, c.assigneeUsername), receivedAt: c.receivedAt.toISOString(),
      firstResponseDueAt: c.firstResponseDueAt.toISOString(), firstRespondedAt: c.firstRespondedAt?.toISOString() ?? null,
      reportedAccounts: c.reportedAccounts,
    })),
    nextCursor: page.nextCursor,
  };
}

/** The handler's view of one case. Contact details never leave the server here. */
export function presentCase(detail: CaseDetail): z.infer<typeof CaseResponse> {
  const { kase } = detail;
  return {
    case: {
      reference: kase.reference, status: kase.status, category: kase.category, severity: kase.severity, venue: kase.venue,
      assignee: assignee(kase.assigneeId, kase.assigneeUsername), receivedAt: kase.receivedAt.toISOString(),
      firstResponseDueAt: kase.firstResponseDueAt.toISOString(), firstRespondedAt: kase.firstRespondedAt?.toISOString() ?? null,
      reporterRole: kase.reporterRole, immediateDanger: kase.immediateDanger, language: kase.language, reportText: kase.reportText,
      hasContactEmail: detail.parties.some((p) => p.role === 'reporter' && p.hasContactEmail),
      parties: detail.parties.map((p) => ({ id: p.id, role: p.role, username: p.username })),
      evidence: detail.evidence.map((e) => ({ id: e.id, kind: e.kind, url: e.url, addedAt: e.addedAt.toISOString() })),
      timeline: detail.timeline.map((e) => ({
        id: e.id, type: e.type, at: e.at.toISOString(),
        actor: e.actorKind === 'staff' && e.actorUsername !== null ? { kind: 'staff', username: e.actorUsername } : { kind: e.actorKind },
        detail: e.detail,
      })),
    },
  };
}
