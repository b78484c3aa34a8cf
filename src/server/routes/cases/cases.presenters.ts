import type { CaseEvent } from '../../../domain/case-events.js';
import type { CaseDetail } from '../../../services/view-case.js';
import type { QueuePage } from '../../../services/list-queue.js';
import type { CaseResponse, Party, QueueResponse } from '../../../shared/api/cases.js';
import type { PartyView } from '../../../services/party-details.js';
import { EVIDENCE_KINDS } from '../../../domain/case-parts.js';
import { isImageType } from '../../../domain/evidence-files.js';
import { stored } from '../stored-value.js';
import { manualMoves } from '../../../domain/status-moves.js';
import type { WaitingOn } from '../../../domain/waiting.js';

function waiting(w: { on: WaitingOn; since: Date; remindAt: Date } | null) {
  return w === null ? null : { on: w.on, since: w.since.toISOString(), remindAt: w.remindAt.toISOString() };
}
import type { ClosingRecordView } from '../../../shared/api/closing.js';
import { promiseStates } from '../../../domain/promise-record.js';

function presentClosing(c: NonNullable<CaseDetail['closing']>): ClosingRecordView {
  return {
    outcome: c.outcome, summary: c.summary, findings: c.findings, reviewedBy: c.reviewedBy, actions: c.actions, nextSteps: c.nextSteps,
    duplicateOf: c.duplicateOf, followUpAt: c.followUpAt?.toISOString() ?? null, closedAt: c.closedAt.toISOString(),
  };
}

function assignee(id: string | null, username: string | null) {
  return id === null || username === null ? null : { id, username };
}

/** A party as staff see it: the display name, never the contact address. */
export function presentParty(p: PartyView): Party {
  return { id: p.id, role: p.role, username: p.username, canReceiveReplies: p.canReceiveReplies, displayName: p.displayName, hasContactEmail: p.hasContactEmail };
}

/** The handler's view of the queue. */
export function presentQueue(page: QueuePage): QueueResponse {
  return {
    cases: page.cases.map((c) => ({
      reference: c.reference, desk: c.desk, status: c.status, category: c.category, severity: c.severity,
      assignee: assignee(c.assigneeId, c.assigneeUsername), receivedAt: c.receivedAt.toISOString(),
      firstResponseDueAt: c.firstResponseDueAt.toISOString(), firstRespondedAt: c.firstRespondedAt?.toISOString() ?? null,
      reportedAccounts: c.reportedAccounts, waiting: waiting(c.waiting), nextUpdateDueAt: c.nextUpdateDueAt?.toISOString() ?? null,
      restrictedToGroup: c.restrictedToGroup, recusalEscalated: c.recusalEscalated,
    })),
    nextCursor: page.nextCursor,
  };
}

/** The handler's view of one case. Contact details never leave the server here. */
export function presentCase(detail: CaseDetail, now: Date): CaseResponse {
  const { kase } = detail;
  const promises = promiseStates(detail.conversation.map((m) => ({
    id: m.id, audience: m.audience, fromStaff: m.authorKind === 'staff', createdAt: m.createdAt, promisedUpdateBy: m.promisedUpdateBy,
  })), now);
  return {
    case: {
      reference: kase.reference, desk: kase.desk, status: kase.status, category: kase.category, severity: kase.severity, venue: kase.venue,
      assignee: assignee(kase.assigneeId, kase.assigneeUsername), receivedAt: kase.receivedAt.toISOString(),
      firstResponseDueAt: kase.firstResponseDueAt.toISOString(), firstRespondedAt: kase.firstRespondedAt?.toISOString() ?? null,
      reporterRole: kase.reporterRole, immediateDanger: kase.immediateDanger, language: kase.language, reportText: kase.reportText,
      hasContactEmail: detail.parties.some((p) => p.role === 'reporter' && p.hasContactEmail),
      nextUpdateDueAt: kase.nextUpdateDueAt?.toISOString() ?? null,
      restrictedToGroup: kase.restrictedToGroup, recusalEscalated: kase.recusalEscalatedAt !== null,
      linkedCases: detail.linkedCases,
      parties: detail.parties.map(presentParty),
      messages: detail.conversation.flatMap((m) => {
        // Only party threads reach here (`party:<id>`); anything else is not for this list.
        const partyId = m.audience.startsWith('party:') ? m.audience.slice('party:'.length) : null;
        if (partyId === null) return [];
        const fromStaff = m.authorKind === 'staff';
        return [{
          id: m.id, partyId, direction: fromStaff ? 'to_party' as const : 'from_party' as const,
          author: fromStaff ? { kind: 'staff' as const, ...(m.authorUsername === null ? {} : { username: m.authorUsername }) } : { kind: 'reporter' as const },
          body: m.body, createdAt: m.createdAt.toISOString(), promisedUpdateBy: m.promisedUpdateBy?.toISOString() ?? null,
          templateId: m.templateId, boilerplateConfirmed: m.boilerplateConfirmed, promise: promises.get(m.id) ?? null,
          delivery: fromStaff ? m.delivery ?? 'status_page' : null,
        }];
      }),
      evidence: detail.evidence.map((e) => ({
        // Personal information leaves the server only through the audited reveal route.
        id: e.id, kind: stored(EVIDENCE_KINDS, e.kind, 'evidence kind'), url: e.personalInformation ? null : e.url, addedAt: e.addedAt.toISOString(),
        personalInformation: e.personalInformation, suppliedPrivately: e.isPrivate,
      })),
      files: detail.files.map((f) => ({
        id: f.id, name: f.name, mediaType: f.mediaType, isImage: isImageType(f.mediaType), byteSize: f.byteSize, sha256: f.sha256,
        fromRole: detail.parties.find((p) => p.id === f.partyId)?.role ?? null, addedAt: f.addedAt.toISOString(),
      })),
      timeline: detail.timeline.map(({ id, at, actorKind, actorUsername, type, detail }) => ({
        id, at: at.toISOString(),
        actor: actorKind === 'staff' && actorUsername !== null ? { kind: 'staff', username: actorUsername } : { kind: actorKind },
        // Type and detail travel as the pair they are; the rest of the row is the presenter's choice.
        ...({ type, detail } as CaseEvent),
      })),
      closing: detail.closing === null ? null : presentClosing(detail.closing),
      waiting: waiting(kase.waiting),
      legalMoves: manualMoves(kase.status),
      notes: detail.notes.map((n) => ({
        id: n.id, author: n.authorUsername === null ? {} : { username: n.authorUsername }, body: n.body, createdAt: n.createdAt.toISOString(),
      })),
      withdrawalRequestedAt: kase.withdrawalRequestedAt?.toISOString() ?? null,
    },
  };
}
