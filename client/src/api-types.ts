import type { TimelineEntry } from '../../src/shared/api/case-events.js';
import type { Category, PartyRole, ReporterRole, Severity, Status } from './domain';

/** A signed-in staff member. */
export interface User {
  id: string;
  username: string;
  role: string;
}

/** What the server returns for a live session. */
export interface Session {
  user: User;
  csrfToken: string;
}

/** A staff member a case is assigned to. */
export interface Assignee {
  id: string;
  username: string;
}

/** One row of the queue. */
export interface CaseSummary {
  reference: string;
  status: Status;
  category: Category;
  severity: Severity;
  assignee: Assignee | null;
  receivedAt: string;
  firstResponseDueAt: string;
  firstRespondedAt: string | null;
  reportedAccounts: string[];
}

/** A page of the queue, most urgent first. */
export interface CaseList {
  cases: CaseSummary[];
  nextCursor: string | null;
}

/** The filters the queue accepts. */
export interface CaseFilters {
  status?: Status | undefined;
  category?: Category | undefined;
}

/** The months a report covers (`YYYY-MM`, inclusive) and whether it is meant for publication. */
export interface CountsQuery {
  from?: string | undefined;
  to?: string | undefined;
  publication: boolean;
}

/** Cases received by UTC month and category; a null count was suppressed for publication. */
export interface CaseCounts {
  from: string;
  to: string;
  months: string[];
  categories: string[];
  rows: { month: string; category: string; count: number | null }[];
  totals: {
    byMonth: { month: string; count: number | null }[];
    byCategory: { category: string; count: number | null }[];
    all: number | null;
  };
  /** Counts from 1 to this minus one are suppressed; null when nothing is. */
  suppressedBelow: number | null;
}

/** A person involved in a case. */
export interface Party {
  id: string;
  role: PartyRole;
  username: string | null;
  /** The party who filed the report and holds an access code: they read replies on /status. */
  canReceiveReplies: boolean;
}

/** One message in the conversation with a party; `body` is untrusted plain text. */
export interface CaseMessage {
  id: string;
  partyId: string;
  direction: 'to_party' | 'from_party';
  author: { kind: 'staff' | 'reporter'; username?: string };
  body: string;
  createdAt: string;
  promisedUpdateBy: string | null;
}

/** What a reply to a party sends; `promiseUpdateBy` is ISO 8601 with an offset. */
export interface ReplyInput {
  partyId: string;
  body: string;
  promiseUpdateBy?: string;
}

/** A piece of evidence; only links exist so far. */
export interface Evidence {
  id: string;
  kind: 'link';
  url: string;
  addedAt: string;
}

/** One event on a case's timeline: its type with its typed detail (data, said by the console). */
export type TimelineEvent = TimelineEntry;

/** Who caused a timeline event. */
export type Actor = TimelineEntry['actor'];

/** A case as a handler sees it. */
export interface CaseDetail extends Omit<CaseSummary, 'reportedAccounts'> {
  venue: string | null;
  reporterRole: ReporterRole;
  immediateDanger: boolean;
  language: string;
  reportText: string;
  hasContactEmail: boolean;
  parties: Party[];
  evidence: Evidence[];
  timeline: TimelineEvent[];
  /** The update promised to the reporter, if one is outstanding. */
  nextUpdateDueAt: string | null;
  /** The conversation with each party, oldest first. */
  messages: CaseMessage[];
}
