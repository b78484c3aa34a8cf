import { auditEntryHash } from '../src/db/repositories/audit-log.js';
import { CATEGORIES, type Category } from '../src/domain/categories.js';
import { formatCaseReference } from '../src/domain/case-reference.js';
import { firstResponseDueAt } from '../src/domain/first-response-clock.js';
import { initialSeverity } from '../src/domain/severity.js';
import { clockAfterReply } from '../src/domain/update-promises.js';
import type { CaseEvent } from '../src/domain/case-events.js';
import type { CaseStatus, Outcome } from '../src/domain/case-lifecycle.js';
import type { PartyRole } from '../src/domain/case-parts.js';
import { accountName, messageBody, reportText } from './corpus.js';
import { Prng } from './prng.js';
import { SEALED } from '../src/services/context.js';
import { accountNameContext } from '../src/services/party-details.js';

// The shape of a generated community: one row builder per table, in each table's column
// order as the migrations create it, so the writers can insert positional rows.

export const COLUMNS = {
  desks: ['id', 'slug', 'name', 'reporter_name', 'is_default', 'created_at'],
  staff_users: ['id', 'username', 'password_hash', 'disabled', 'created_at'],
  staff_desk_roles: ['user_id', 'desk_id', 'role', 'granted_at'],
  cases: ['id', 'reference', 'status', 'is_open', 'category', 'severity', 'venue', 'reporter_role', 'immediate_danger', 'language',
    'report_text', 'source', 'assignee_id', 'restricted_to_group', 'received_at', 'first_response_due_at', 'first_responded_at',
    'next_update_due_at', 'urgent_at', 'outcome', 'closed_at', 'updated_at', 'search_accounts', 'desk_id'],
  case_parties: ['id', 'case_id', 'role', 'username', 'contact_email_enc', 'created_at', 'username_enc'],
  evidence: ['id', 'case_id', 'kind', 'url', 'supplied_by', 'added_at'],
  case_events: ['id', 'case_id', 'type', 'at', 'actor_kind', 'actor_id', 'detail'],
  messages: ['id', 'case_id', 'audience', 'body', 'author_kind', 'author_id', 'created_at'],
  reporter_access: ['id', 'case_id', 'party_id', 'code_hash', 'created_at', 'revoked_at'],
  jobs: ['id', 'kind', 'payload', 'status', 'run_at', 'attempts', 'max_attempts', 'locked_by', 'locked_until', 'last_error', 'created_at', 'completed_at'],
  audit_log: ['seq', 'at', 'actor_kind', 'actor_id', 'action', 'case_id', 'detail', 'prev_hash', 'hash'],
  counters: ['name', 'value'],
} as const;

export type TableName = keyof typeof COLUMNS;
export type Row = (string | number | null)[];
export type Rows = Record<TableName, Row[]>;

/** The moment generated histories end; fixed so the same seed gives the same database. */
export const ANCHOR = Date.parse('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SPAN_DAYS = 5 * 365;
const VENUES = ['single_admin', 'private_review', 'trust_and_safety', 'containment', 'functionaries', 'emergency', 'noticeboard'];
const LANGUAGES: readonly (readonly [string, number])[] = [['en', 70], ['de', 8], ['es', 6], ['fr', 5], ['pt', 3], ['ru', 2], ['ja', 2], ['ar', 2], ['uk', 2]];
const CATEGORY_WEIGHTS: readonly (readonly [Category, number])[] = [
  ['hounding', 30], ['hate', 14], ['personal_information', 10], ['off_site', 10], ['sexual_harassment', 8], ['other', 12],
  ['threat_of_violence', 6], ['image_based_abuse', 4], ['self_harm', 2],
];
const OUTCOMES: readonly (readonly [Outcome, number])[] = [['action_taken', 40], ['non_actionable', 30], ['referred', 10], ['withdrawn', 10], ['duplicate', 10]];
const STAFF_COUNT = 24;

/** A deterministic UUIDv7 for a moment. */
export function uuid7(ms: number, prng: Prng): string {
  const hex = Math.floor(ms).toString(16).padStart(12, '0') + '7' + prng.hex(10).slice(0, 19);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.slice(0, 16) + variant + hex.slice(17, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function statusFor(prng: Prng, ageDays: number): CaseStatus {
  if (ageDays < 3) return prng.weighted([['new', 50], ['acknowledged', 25], ['investigating', 20], ['waiting', 5]]);
  if (ageDays < 30) return prng.weighted([['new', 2], ['acknowledged', 10], ['investigating', 40], ['waiting', 25], ['in_review', 10], ['closed', 13]]);
  if (ageDays < 120) return prng.weighted([['investigating', 10], ['waiting', 10], ['in_review', 5], ['closed', 75]]);
  return prng.weighted([['closed', 995], ['waiting', 3], ['investigating', 2]]);
}

export interface CommunityState {
  size: number;
  prng: Prng;
  /** The desks the cases are spread over, in turn; the first is the default desk the migration made. */
  deskIds: string[];
  staffIds: string[];
  accounts: number;
  seq: number;
  prevHash: string;
  counters: Map<string, number>;
  /** Seals a value under a context as the app would; the bench key is known to the server it starts. */
  seal: (plain: string, context: string) => string;
}

/** The desks after the first (which the migration made), for a community spread over several. */
export function deskRows(state: CommunityState, count: number): Row[] {
  const at = iso(ANCHOR - SPAN_DAYS * DAY - DAY);
  return Array.from({ length: count - 1 }, (_, k) => {
    const id = uuid7(ANCHOR - SPAN_DAYS * DAY - 2 * DAY + k, state.prng);
    state.deskIds.push(id);
    return [id, `desk-${k + 2}`, `Desk ${k + 2}`, `Community ${k + 2}`, 0, at];
  });
}

/** The staff accounts the generated cases are assigned to (not able to sign in), each with a role on every desk. */
export function staffRows(state: CommunityState): { staff_users: Row[]; staff_desk_roles: Row[] } {
  const roles = ['handler', 'handler', 'handler', 'reviewer', 'escalation', 'admin'];
  const at = iso(ANCHOR - SPAN_DAYS * DAY - DAY);
  const users = Array.from({ length: STAFF_COUNT }, (_, i): Row => {
    const id = uuid7(ANCHOR - SPAN_DAYS * DAY - DAY + i, state.prng);
    state.staffIds.push(id);
    return [id, `generated-staff-${i + 1}`, '!generated-no-login', 0, at];
  });
  const deskRoles = state.staffIds.flatMap((id, i) => state.deskIds.map((deskId): Row => [id, deskId, roles[i % roles.length]!, at]));
  return { staff_users: users, staff_desk_roles: deskRoles };
}

function emptyRows(): Rows {
  return { desks: [], staff_users: [], staff_desk_roles: [], cases: [], case_parties: [], evidence: [], case_events: [], messages: [], reporter_access: [], jobs: [], audit_log: [], counters: [] };
}

function audit(state: CommunityState, rows: Rows, at: number, actorKind: string, actorId: string | null, action: string, caseId: string, detail: string): void {
  state.seq += 1;
  const entry = { at: iso(at), actorKind, actorId, action, caseId, detail };
  const hash = auditEntryHash(state.prevHash, state.seq, entry);
  rows.audit_log.push([state.seq, entry.at, actorKind, actorId, action, caseId, detail, state.prevHash, hash]);
  state.prevHash = hash;
}

/** Rows for cases [from, to) of the community, in time order. */
export function caseRows(state: CommunityState, from: number, to: number): Rows {
  const rows = emptyRows();
  const { prng, size } = state;
  for (let i = from; i < to; i += 1) {
    const received = ANCHOR - SPAN_DAYS * DAY + Math.floor(((i + prng.float()) / size) * SPAN_DAYS * DAY);
    const ageDays = (ANCHOR - received) / DAY;
    const id = uuid7(received, prng);
    const year = new Date(received).getUTCFullYear();
    const counterName = `case-reference-${year}`;
    const sequence = (state.counters.get(counterName) ?? 0) + 1;
    state.counters.set(counterName, sequence);
    const category = prng.weighted(CATEGORY_WEIGHTS);
    const danger = (category === 'threat_of_violence' || category === 'self_harm') && prng.chance(0.4);
    const severity = initialSeverity({ category, immediateDanger: danger });
    const dueAt = firstResponseDueAt(new Date(received), severity).getTime();
    const status = statusFor(prng, ageDays);
    const open = status !== 'closed';
    const reporterRole = prng.weighted([['target', 60], ['third_party', 30], ['undisclosed', 10]] as const);
    const reported = Array.from({ length: prng.weighted([[1, 80], [2, 15], [3, 5]]) }, () => accountName(prng.skewed(state.accounts)));
    const text = reportText(prng, category, reported);
    const responded = status === 'new' ? null : received + Math.floor(prng.float() * (dueAt - received) * 1.3);
    const promised = responded !== null && status !== 'closed' && prng.chance(0.5) ? responded + prng.int(1, 21) * DAY : null;
    const closedAt = open ? null : Math.min(ANCHOR - HOUR, (responded ?? received) + prng.int(1, 90) * DAY);
    // urgent_at as the services leave it: the first response while the case is new, then the
    // clock the first reply set (its promise, or a check-in a week on).
    const urgentAt = responded === null
      ? dueAt
      : clockAfterReply({ now: new Date(responded), promisedBy: promised === null ? null : new Date(promised) }).dueAt.getTime();
    const assignee = status === 'new' && prng.chance(0.7) ? null : state.staffIds[prng.skewed(STAFF_COUNT - 6)]!;
    const staff = assignee ?? state.staffIds[0]!;
    const lastAt = closedAt ?? promised ?? responded ?? received;
    // Drawn in the order the row lists them.
    const venue = status === 'new' ? null : prng.pick(VENUES);
    const language = prng.weighted(LANGUAGES);
    const source = prng.chance(0.8) ? 'web' : 'api';
    const restricted = prng.chance(0.02) ? 'trust-and-safety' : null;
    const outcome = open ? null : prng.weighted(OUTCOMES);

    rows.cases.push([
      id, formatCaseReference(year, sequence), status, open ? 1 : 0, category, severity, venue,
      reporterRole, danger ? 1 : 0, language, text, source, assignee,
      restricted, iso(received), iso(dueAt), responded === null ? null : iso(responded),
      promised === null ? null : iso(promised), iso(urgentAt), outcome, closedAt === null ? null : iso(closedAt),
      iso(Math.min(lastAt, ANCHOR)), reported.join(' '), state.deskIds[i % state.deskIds.length]!,
    ]);

    const reporterId = uuid7(received, prng);
    const contact = prng.chance(0.6) ? state.seal(`reporter${i}@example.org`, SEALED.contactEmail) : null;
    const target = reporterRole === 'target' ? null : accountName(prng.int(0, state.accounts - 1));
    // Only reported accounts are kept in the clear; the others are sealed to their party, as intake does.
    const sealedName = (partyId: string, name: string | null) => (name === null ? null : state.seal(name, accountNameContext(partyId)));
    rows.case_parties.push([reporterId, id, 'reporter', null, contact, iso(received),
      sealedName(reporterId, reporterRole === 'target' ? accountName(prng.int(0, state.accounts - 1)) : null)]);
    for (const name of reported) rows.case_parties.push([uuid7(received, prng), id, 'reported', name, null, iso(received), null]);
    if (target !== null) {
      const targetId = uuid7(received, prng);
      rows.case_parties.push([targetId, id, 'target', null, null, iso(received), sealedName(targetId, target)]);
    }
    if (prng.chance(0.15)) {
      const witnessId = uuid7(received, prng);
      rows.case_parties.push([witnessId, id, 'witness', null, null, iso(received), sealedName(witnessId, accountName(prng.int(0, state.accounts - 1)))]);
    }

    const links = prng.weighted([[1, 50], [2, 25], [3, 15], [4, 10]]);
    for (let k = 0; k < links; k += 1) {
      const url = prng.chance(0.8) ? `https://wiki.example.org/w/index.php?diff=${prng.int(1_000_000, 99_999_999)}` : `https://forum.example.net/thread/${prng.int(1, 500_000)}`;
      rows.evidence.push([uuid7(received, prng), id, 'link', url, 'reporter', iso(received)]);
    }

    rows.reporter_access.push([uuid7(received, prng), id, reporterId, prng.hex(32), iso(received), null]);
    audit(state, rows, received, 'public', null, 'case.reported', id, JSON.stringify({ source: 'web', severity, category, links, accounts: reported.length }));
    if (contact !== null) {
      const payload = JSON.stringify({ caseId: id, partyId: reporterId, reference: formatCaseReference(year, sequence), language: 'en' });
      rows.jobs.push([uuid7(received, prng), 'receipt_email', payload, 'done', iso(received), 1, 8, null, null, null, iso(received), iso(received + 2000)]);
    }

    // Events are stored as the services store them: a type of the vocabulary and its detail as JSON.
    const event = (at: number, actorKind: string, actorId: string | null, { type, detail }: CaseEvent) =>
      rows.case_events.push([uuid7(at, prng), id, type, iso(at), actorKind, actorId, detail === null ? null : JSON.stringify(detail)]);
    event(received, 'reporter', null, { type: 'report_received', detail: null });
    if (responded === null) continue;
    event(responded, 'staff', staff, { type: 'case_assigned', detail: null });
    event(responded + 60_000, 'staff', staff, { type: 'status_changed', detail: { from: 'new', to: 'acknowledged' } });
    let current: CaseStatus = 'acknowledged';
    const message = (at: number, audience: PartyRole) => {
      rows.messages.push([uuid7(at, prng), id, audience, messageBody(prng, audience), 'staff', staff, iso(at)]);
      event(at, 'staff', staff, { type: 'reply_sent', detail: { partyRole: audience } });
    };
    message(responded + 120_000, 'reporter');
    audit(state, rows, responded, 'staff', staff, 'case.viewed', id, '{}');
    const end = closedAt ?? Math.min(ANCHOR, lastAt);
    const steps = prng.int(0, 6);
    for (let k = 0; k < steps; k += 1) {
      const at = responded + Math.floor(((k + 1) / (steps + 1)) * Math.max(0, end - responded));
      const kind = prng.weighted([['note', 4], ['message', 3], ['info', 2], ['status', 2]] as const);
      // Haven keeps no private notes yet, so a note leaves nothing on the timeline.
      if (kind === 'note') continue;
      if (kind === 'message') message(at, prng.weighted<PartyRole>([['reporter', 6], ['reported', 3], ['target', 1]]));
      else if (kind === 'info') {
        const messageId = uuid7(at, prng);
        rows.messages.push([messageId, id, 'reporter', 'More diffs from this week, same pattern as before.', 'reporter', null, iso(at)]);
        event(at, 'reporter', null, { type: 'reporter_added_information', detail: { messageId, links: 0 } });
      } else {
        const to = prng.pick(['investigating', 'waiting', 'in_review'] as const);
        event(at, 'staff', staff, { type: 'status_changed', detail: { from: current, to } });
        current = to;
      }
    }
    if (closedAt !== null) {
      event(closedAt, 'staff', staff, { type: 'status_changed', detail: { from: current, to: 'closed', ...(outcome === null ? {} : { outcome }) } });
      audit(state, rows, closedAt, 'staff', staff, 'case.closed', id, '{}');
    }
  }
  return rows;
}

/** Final values of the reference counters. */
export function counterRows(state: CommunityState): Row[] {
  return [...state.counters.entries()].map(([name, value]) => [name, value]);
}

/**
 * A fresh generator state for a community of `size` cases, on the default desk `defaultDeskId`
 * (and the others deskRows adds, the cases dealt to them in turn).
 */
export function newCommunity(size: number, seed: string, seal: CommunityState['seal'], defaultDeskId: string): CommunityState {
  return {
    size, prng: new Prng(`${seed}:${size}`), deskIds: [defaultDeskId], staffIds: [], accounts: Math.max(2000, Math.floor(size / 4)), seq: 0,
    prevHash: '0'.repeat(64), counters: new Map(), seal,
  };
}

export { CATEGORIES };
