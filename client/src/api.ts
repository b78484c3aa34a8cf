import type { CaseDetail, CaseResponse, QueueQuery, QueueResponse, ReplyBody } from '../../src/shared/api/cases.js';
import type { CaseCounts, CountsQuery } from '../../src/shared/api/reporting.js';
import type { StaffSession, TotpEnrolled, TotpEnrolment } from '../../src/shared/api/session.js';
import type { InvitationBody, StaffListResponse } from '../../src/shared/api/staff.js';
import type { AuditTrailResponse } from '../../src/shared/api/audit.js';
import { readFieldErrors, type FieldErrors } from './field-errors';
import type { StaffRole } from '../../src/domain/access-policy.js';
import type { DeskTrainingRequirements, TeamTraining } from '../../src/shared/api/training';
import type { NoteBody, ReopenBody, StatusBody, WithdrawalDecisionBody } from '../../src/shared/api/case-work.js';
import type {
  AlarmsResponse, DutyBody, DutyResponse, EmergencyAlert, EmergencyAlertResponse, EmergencySettings, EmergencySettingsBody,
} from '../../src/shared/api/emergency.js';
export type { Alarm, DutyResponse, EmergencyAlert, EmergencySettings, EmergencySettingsBody } from '../../src/shared/api/emergency.js';
import type {
  AddPartyBody, EditPartyBody, IssueAccessBody, IssueAccessResponse, PartyResponse, TargetWishesBody, TargetWishesResponse,
} from '../../src/shared/api/parties.js';
import type { ConsentBody, ConsentResponse } from '../../src/shared/api/consent.js';
import type { NewTemplateBody, Template, TemplateChangesBody, TemplateResponse, TemplatesResponse } from '../../src/shared/api/templates.js';
import type { CloseBody } from '../../src/shared/api/closing.js';
import type { Group, GroupResponse, GroupsResponse, LinkedAccountsResponse, RestrictionResponse } from '../../src/shared/api/groups.js';
export type { Group } from '../../src/shared/api/groups.js';
import type { Responsiveness } from '../../src/shared/api/reporting.js';
import type { ReviewResponse, RoutingFactsBody, RoutingResponse, SignOffBody, TriageBody, VenueChoiceBody } from '../../src/shared/api/routing.js';
import type { ReferralResponse, VenueAddressesResponse } from '../../src/shared/api/referrals.js';

// What the console sends and receives is the server's own contract (src/shared/api),
// imported as types only, so zod stays out of the bundle.
export type { CaseDetail, CaseMessage, CaseSummary, Evidence, EvidenceFile, Party, TimelineActor, TimelineEntry } from '../../src/shared/api/cases.js';
export type { StaffDesk, StaffSession, StaffUser, TotpEnrolment } from '../../src/shared/api/session.js';
export type { StaffListResponse, StaffMember } from '../../src/shared/api/staff.js';
export type { AuditEntry, AuditTrailResponse } from '../../src/shared/api/audit.js';
export type { CaseCounts, CountsQuery, Responsiveness } from '../../src/shared/api/reporting.js';
export type { NewTemplateBody, Template, TemplateChangesBody } from '../../src/shared/api/templates.js';
export type { CloseBody, ClosingRecordView } from '../../src/shared/api/closing.js';

/** The queue filters the console offers (the desk only to someone on several). */
export type CaseFilters = Pick<QueueQuery, 'desk' | 'status' | 'category' | 'promise' | 'linked'>;

/** An API failure: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server said about each field of a refused form (400 validation_failed). */
    readonly fields: FieldErrors = {},
    /** The training modules a `training_required` refusal names. */
    readonly modules: readonly { id: string; title: string }[] = [],
    /** What an `identity_leak` refusal found: whose, what kind, the words as written. */
    readonly leaks: readonly LeakFound[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether an error comes from an aborted request (a page that went away). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const SESSION_PATH = '/api/v1/session';

let csrfToken: string | null = null;
let sessionEnded: () => void = () => {};
let secondFactorNeeded: () => void = () => {};

/** Registers what happens when the server asks for a second factor mid-session (a desk began requiring one). */
export function onSecondFactorNeeded(handler: () => void): () => void {
  secondFactorNeeded = handler;
  return () => {
    if (secondFactorNeeded === handler) secondFactorNeeded = () => {};
  };
}

/** Registers what happens when the server says the session is gone; returns an unsubscribe. */
export function onSessionEnded(handler: () => void): () => void {
  sessionEnded = handler;
  return () => {
    if (sessionEnded === handler) sessionEnded = () => {};
  };
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  // The server checks this header on every state-changing request (double submit).
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'network_error', 'The server could not be reached');
  }
  if (!response.ok) throw await toApiError(path, response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function toApiError(path: string, response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText;
  let fields: FieldErrors = {};
  let modules: { id: string; title: string }[] = [];
  let leaks: LeakFound[] = [];
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown; modules?: unknown; leaks?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    fields = readFieldErrors(body.error?.fields);
    modules = readModules(body.error?.modules);
    leaks = readLeaks(body.error?.leaks);
  } catch {
    // Not JSON (a proxy error page, say): the status alone tells us enough.
  }
  // A 401 on the session endpoint is an answer (not signed in, wrong password,
  // already signed out); anywhere else it means the session ended while the page was open.
  if (response.status === 401 && !path.startsWith(SESSION_PATH)) {
    csrfToken = null;
    sessionEnded();
  }
  if (code === 'second_factor_required') secondFactorNeeded();
  return new ApiError(response.status, code, message, fields, modules, leaks);
}

/** One identifier the leak guard found in a message to a reported person. */
export interface LeakFound { party: string; kind: string; found: string }

/** The finds of an `identity_leak` refusal, keeping only well-formed entries. */
function readLeaks(value: unknown): LeakFound[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { party, kind, found } = entry as { party?: unknown; kind?: unknown; found?: unknown };
    return typeof party === 'string' && typeof kind === 'string' && typeof found === 'string' ? [{ party, kind, found }] : [];
  });
}

/** The modules a refusal names, keeping only well-formed entries. */
function readModules(value: unknown): { id: string; title: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, title } = entry as { id?: unknown; title?: unknown };
    return typeof id === 'string' && typeof title === 'string' ? [{ id, title }] : [];
  });
}

function remember(session: StaffSession): StaffSession {
  csrfToken = session.csrfToken;
  return session;
}

/** The current session, or null when nobody is signed in. */
export async function getSession(signal?: AbortSignal): Promise<StaffSession | null> {
  try {
    return remember(await request<StaffSession>('GET', SESSION_PATH, { signal }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Signs in with a username and password. */
export async function signIn(username: string, password: string): Promise<StaffSession> {
  return remember(await request<StaffSession>('POST', SESSION_PATH, { body: { username, password } }));
}

/** Ends the session on the server. */
export async function signOut(): Promise<void> {
  try {
    await request<undefined>('DELETE', SESSION_PATH);
  } catch (error) {
    // Already gone on the server: that is what we wanted.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  csrfToken = null;
}

/** One page of the queue, most urgent first. */
export function listCases(filters: CaseFilters, cursor: string | null, signal?: AbortSignal): Promise<QueueResponse> {
  const query = new URLSearchParams();
  if (filters.desk) query.set('desk', filters.desk);
  if (filters.status) query.set('status', filters.status);
  if (filters.category) query.set('category', filters.category);
  if (filters.promise) query.set('promise', filters.promise);
  if (filters.linked) query.set('linked', filters.linked);
  if (cursor !== null) query.set('cursor', cursor);
  const search = query.toString();
  return request<QueueResponse>('GET', search ? `/api/v1/cases?${search}` : '/api/v1/cases', { signal });
}

/** Counts of cases by category and month; the server defaults to the last twelve months. */
export function getCaseCounts(query: CountsQuery, signal?: AbortSignal): Promise<CaseCounts> {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.publication) params.set('publication', 'true');
  const search = params.toString();
  return request<CaseCounts>('GET', search ? `/api/v1/reporting/counts?${search}` : '/api/v1/reporting/counts', { signal });
}

function casePath(reference: string): string {
  return `/api/v1/cases/${encodeURIComponent(reference)}`;
}

/** Where an evidence file is fetched from; each fetch is logged by the server, so only on a deliberate act. */
export function evidenceFileUrl(reference: string, fileId: string): string {
  return `${casePath(reference)}/files/${encodeURIComponent(fileId)}`;
}

/** One case with its parties, evidence and timeline. */
export async function getCase(reference: string, signal?: AbortSignal): Promise<CaseDetail> {
  return (await request<CaseResponse>('GET', casePath(reference), { signal })).case;
}

/**
 * Assigns a case to the signed-in staff member. Without `takeOver` the server refuses
 * (409 held_by_other) when someone else holds the case.
 */
export async function assignToMe(reference: string, options: { takeOver?: boolean } = {}): Promise<CaseDetail> {
  const body = options.takeOver === true ? { takeOver: true } : {};
  return (await request<CaseResponse>('POST', `${casePath(reference)}/assign`, { body })).case;
}

/** Sends a reply to a party of the case; answers with the updated case. */
export async function sendReply(reference: string, input: ReplyBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/replies`, { body: input })).case;
}

/** Requires a training module on a desk before anyone takes its cases, or stops requiring it (its admins only). */
export function setTrainingRequirement(desk: string, moduleId: string, required: boolean): Promise<DeskTrainingRequirements> {
  return request<DeskTrainingRequirements>('PUT', `/api/v1/training/requirements/${encodeURIComponent(desk)}/${encodeURIComponent(moduleId)}`, { body: { required } });
}

/** The progress in every training module of the staff of the desks the user administers (admins only). */
export function getTeamTraining(signal?: AbortSignal): Promise<TeamTraining> {
  return request<TeamTraining>('GET', '/api/v1/training/progress', { signal });
}

// ---- Emergencies ----

/** The alarm: unacknowledged emergency alerts of the user's desks, a wave as one with its count. */
export function getAlarms(signal?: AbortSignal): Promise<AlarmsResponse> {
  return request<AlarmsResponse>('GET', '/api/v1/alarms', { signal });
}

/** A case's emergency alert, or null when it raised none. */
export async function getAlert(reference: string, signal?: AbortSignal): Promise<EmergencyAlert | null> {
  return (await request<EmergencyAlertResponse>('GET', `${casePath(reference)}/alert`, { signal })).alert;
}

/** Acknowledges a case's emergency alert (not its status): the alarm clears everywhere. */
export async function acknowledgeAlert(reference: string): Promise<EmergencyAlert | null> {
  return (await request<EmergencyAlertResponse>('POST', `${casePath(reference)}/alert/acknowledge`, { body: {} })).alert;
}

/** Forwards a case's emergency packet to the desk's emergency contact. */
export async function forwardPacket(reference: string): Promise<EmergencyAlert | null> {
  return (await request<EmergencyAlertResponse>('POST', `${casePath(reference)}/alert/forward`, { body: {} })).alert;
}

/** Who is on duty on each of the user's desks, and the user's own word there. */
export function getDuty(signal?: AbortSignal): Promise<DutyResponse> {
  return request<DutyResponse>('GET', '/api/v1/duty', { signal });
}

/** Marks the user available, away, or following the rota on a desk. */
export function setDuty(desk: string, availability: DutyBody['availability']): Promise<DutyResponse> {
  return request<DutyResponse>('PUT', `/api/v1/duty/${encodeURIComponent(desk)}`, { body: { availability } });
}

/** A desk's emergency settings (its admins only). */
export function getEmergencySettings(desk: string, signal?: AbortSignal): Promise<EmergencySettings> {
  return request<EmergencySettings>('GET', `/api/v1/desks/${encodeURIComponent(desk)}/emergency-settings`, { signal });
}

/** Saves a desk's emergency settings (its admins only). */
export function saveEmergencySettings(desk: string, body: EmergencySettingsBody): Promise<EmergencySettings> {
  return request<EmergencySettings>('PUT', `/api/v1/desks/${encodeURIComponent(desk)}/emergency-settings`, { body });
}

/** Moves a case to another status (`waiting` with whom and when to remind); answers with the updated case. */
export async function moveStatus(reference: string, input: StatusBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/status`, { body: input })).case;
}

/** Keeps a private note on the case. */
export async function addNote(reference: string, input: NoteBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/notes`, { body: input })).case;
}

/** Reopens a closed case with a reason. */
export async function reopenCase(reference: string, input: ReopenBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/reopen`, { body: input })).case;
}

/** Keeps investigating after the reporter asked to withdraw, telling them why. */
export async function continueAfterWithdrawal(reference: string, input: WithdrawalDecisionBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/withdrawal/decision`, { body: input })).case;
}

/** Completes sign-in with a code from the app or a recovery code. */
export async function giveSecondFactor(proof: { code: string } | { recoveryCode: string }): Promise<StaffSession> {
  return remember(await request<StaffSession>('POST', `${SESSION_PATH}/second-factor`, { body: proof }));
}

/** Starts setting up TOTP: a fresh key to enter in an authenticator app. */
export function beginTotpEnrolment(): Promise<TotpEnrolment> {
  return request<TotpEnrolment>('POST', `${SESSION_PATH}/totp`);
}

/** Confirms TOTP with a code from the app; answers the recovery codes, shown once. */
export function confirmTotpEnrolment(code: string): Promise<TotpEnrolled> {
  return request<TotpEnrolled>('POST', `${SESSION_PATH}/totp/confirm`, { body: { code } });
}

/** Ends every session of the signed-in person. */
export async function signOutEverywhere(): Promise<void> {
  await request<undefined>('DELETE', `${SESSION_PATH}?everywhere=true`);
  csrfToken = null;
}

/** Accepts an invitation with a first password; signs in. */
export async function acceptInvitation(token: string, password: string): Promise<StaffSession> {
  return remember(await request<StaffSession>('POST', `${SESSION_PATH}/invitation`, { body: { token, password } }));
}

/** The people of the desks the user administers. */
export function listStaff(signal?: AbortSignal): Promise<StaffListResponse> {
  return request<StaffListResponse>('GET', '/api/v1/staff', { signal });
}

/** A page of the audit trail of one case or one staff member, newest first (admins only). */
export function readAuditTrail(of: { case: string } | { staff: string }, before: string | null, signal?: AbortSignal): Promise<AuditTrailResponse> {
  const base = 'case' in of ? `/api/v1/cases/${encodeURIComponent(of.case)}/audit` : `/api/v1/audit/staff/${encodeURIComponent(of.staff)}`;
  return request<AuditTrailResponse>('GET', before === null ? base : `${base}?${new URLSearchParams({ before }).toString()}`, { signal });
}

/** Invites someone to a desk the user administers. */
export function inviteStaff(input: InvitationBody): Promise<{ expiresAt: string }> {
  return request<{ expiresAt: string }>('POST', '/api/v1/staff/invitations', { body: input });
}

/** Gives, changes or (null) takes away someone's role on a desk. */
export function setStaffRole(staffId: string, desk: string, role: StaffRole | null): Promise<void> {
  return request<undefined>('PUT', `/api/v1/staff/${encodeURIComponent(staffId)}/desks/${encodeURIComponent(desk)}`, { body: { role } });
}

/** Removes someone's second factor (their sessions end). */
export function resetStaffSecondFactor(staffId: string): Promise<void> {
  return request<undefined>('DELETE', `/api/v1/staff/${encodeURIComponent(staffId)}/second-factor`);
}

/** Deactivates (sessions end at once) or reactivates an account. */
export function setStaffActive(staffId: string, active: boolean): Promise<void> {
  return request<undefined>('PUT', `/api/v1/staff/${encodeURIComponent(staffId)}/active`, { body: { active } });
}

/** Requires a second factor of every role on a desk, or stops requiring it. */
export function setDeskSecondFactor(desk: string, required: boolean): Promise<void> {
  return request<undefined>('PUT', `/api/v1/desks/${encodeURIComponent(desk)}/second-factor`, { body: { required } });
}

/**
 * The change was kept, but it named an account the staff member linked as their own: they are
 * now recused from the case, which they can no longer open.
 */
export class RecusedByChange extends Error {}

/** Names someone involved in a case; answers with the case as it now stands. */
export async function addParty(reference: string, input: AddPartyBody): Promise<CaseDetail> {
  const { recused } = await request<PartyResponse>('POST', `${casePath(reference)}/parties`, { body: input });
  if (recused) throw new RecusedByChange('recused');
  return getCase(reference);
}

/** Removes a party named by mistake; answers with the case as it now stands. */
export async function removeParty(reference: string, partyId: string): Promise<CaseDetail> {
  await request<undefined>('DELETE', `${casePath(reference)}/parties/${encodeURIComponent(partyId)}`);
  return getCase(reference);
}

/**
 * Gives the target their own access code: shown this once for the handler to pass on privately
 * (answers the code), or sent by email to the address given (answers null).
 */
export async function issueAccessCode(reference: string, partyId: string, delivery: IssueAccessBody = { delivery: 'show' }): Promise<string | null> {
  return (await request<IssueAccessResponse>('POST', `${casePath(reference)}/parties/${encodeURIComponent(partyId)}/access`, { body: delivery })).accessCode;
}

/** Changes what the desk knows about a party (absent: unchanged, null: cleared); answers with the case as it now stands. */
export async function editParty(reference: string, partyId: string, changes: EditPartyBody): Promise<CaseDetail> {
  const { recused } = await request<PartyResponse>('PATCH', `${casePath(reference)}/parties/${encodeURIComponent(partyId)}`, { body: changes });
  if (recused) throw new RecusedByChange('recused');
  return getCase(reference);
}

export type ConsentView = ConsentResponse['consent'];
export type ConsentGrant = ConsentBody['grants'][number];

/** What the reporter or the target agreed may be shared, and with whom. */
export async function getConsent(reference: string, partyId: string, signal?: AbortSignal): Promise<ConsentView> {
  return (await request<ConsentResponse>('GET', `${casePath(reference)}/consent/${encodeURIComponent(partyId)}`, { signal })).consent;
}

/** Replaces a party's consent whole: anything not granted may not be shared. */
export async function saveConsent(reference: string, partyId: string, grants: readonly ConsentGrant[]): Promise<ConsentView> {
  return (await request<ConsentResponse>('PUT', `${casePath(reference)}/consent/${encodeURIComponent(partyId)}`, { body: { grants } })).consent;
}

/** Records the target's wishes; answers with the case as it now stands. */
export async function recordTargetWishes(reference: string, partyId: string, wishes: TargetWishesBody): Promise<CaseDetail> {
  await request<TargetWishesResponse>('PUT', `${casePath(reference)}/parties/${encodeURIComponent(partyId)}/wishes`, { body: wishes });
  return getCase(reference);
}

/** The reply templates of the user's desks (or one); retired ones only for the admins' page. */
export async function listTemplates(options: { desk?: string; withRetired?: boolean } = {}, signal?: AbortSignal): Promise<Template[]> {
  const params = new URLSearchParams();
  if (options.desk) params.set('desk', options.desk);
  if (options.withRetired === true) params.set('retired', 'include');
  const search = params.toString();
  return (await request<TemplatesResponse>('GET', search ? `/api/v1/templates?${search}` : '/api/v1/templates', { signal })).templates;
}

/** Adds a template to a desk (its admins only). */
export async function createTemplate(input: NewTemplateBody): Promise<Template> {
  return (await request<TemplateResponse>('POST', '/api/v1/templates', { body: input })).template;
}

/** Changes a template (its desk's admins only). */
export async function updateTemplate(id: string, changes: TemplateChangesBody): Promise<Template> {
  return (await request<TemplateResponse>('PATCH', `/api/v1/templates/${encodeURIComponent(id)}`, { body: changes })).template;
}

/** Retires a template: it leaves the composer (its desk's admins only). */
export async function retireTemplate(id: string): Promise<Template> {
  return (await request<TemplateResponse>('POST', `/api/v1/templates/${encodeURIComponent(id)}/retire`)).template;
}

/** Closes a case with its record and closing messages; answers with the closed case. */
export async function closeCase(reference: string, input: CloseBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/close`, { body: input })).case;
}

/** Promises kept and the median time to first response, per month. */
export function getResponsiveness(query: { from?: string | undefined; to?: string | undefined }, signal?: AbortSignal): Promise<Responsiveness> {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  const search = params.toString();
  return request<Responsiveness>('GET', search ? `/api/v1/reporting/responsiveness?${search}` : '/api/v1/reporting/responsiveness', { signal });
}

export type { ReviewResponse, RoutingResponse } from '../../src/shared/api/routing.js';

/** The router's plan for a case, the current choice and the facts entered. */
export function getRouting(reference: string, signal?: AbortSignal): Promise<RoutingResponse> {
  return request<RoutingResponse>('GET', `${casePath(reference)}/routing`, { signal });
}

/** Records the routing facts a handler found (standing, evidence, whether it is ongoing). */
export function saveRoutingFacts(reference: string, facts: RoutingFactsBody): Promise<RoutingResponse> {
  return request<RoutingResponse>('PUT', `${casePath(reference)}/routing/facts`, { body: facts });
}

/** Chooses the case's venue; another venue than the recommendation needs a reason. */
export function chooseVenue(reference: string, choice: VenueChoiceBody): Promise<RoutingResponse> {
  return request<RoutingResponse>('POST', `${casePath(reference)}/routing/choice`, { body: choice });
}

/** Changes the category and/or severity, with a reason for the timeline. */
export async function triageCase(reference: string, input: TriageBody): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/triage`, { body: input })).case;
}

/** A case's review: sign-offs and discussion. */
export function getReview(reference: string, signal?: AbortSignal): Promise<ReviewResponse> {
  return request<ReviewResponse>('GET', `${casePath(reference)}/review`, { signal });
}

/** Marks a case for review, with a reason. */
export function markForReview(reference: string, reason: string): Promise<ReviewResponse> {
  return request<ReviewResponse>('POST', `${casePath(reference)}/review/mark`, { body: { reason } });
}

/** Moves a case marked for review to in_review and asks its reviewers. */
export function startReview(reference: string): Promise<ReviewResponse> {
  return request<ReviewResponse>('POST', `${casePath(reference)}/review/start`);
}

/** Signs off a case in review. */
export function signOff(reference: string, input: SignOffBody): Promise<ReviewResponse> {
  return request<ReviewResponse>('POST', `${casePath(reference)}/sign-offs`, { body: input });
}

/** Adds a note to the review discussion. */
export function addReviewNote(reference: string, body: string): Promise<ReviewResponse> {
  return request<ReviewResponse>('POST', `${casePath(reference)}/review/notes`, { body: { body } });
}

/** Shows the address of evidence marked as personal information; the server logs who asked. */
export async function revealEvidence(reference: string, evidenceId: string): Promise<string> {
  return (await request<{ url: string }>('POST', `${casePath(reference)}/evidence/${encodeURIComponent(evidenceId)}/reveal`)).url;
}

/** The groups of the user's desks (or of one), with their members. */
export async function listGroups(desk?: string, signal?: AbortSignal): Promise<Group[]> {
  const query = desk === undefined ? '' : `?${new URLSearchParams({ desk }).toString()}`;
  return (await request<GroupsResponse>('GET', `/api/v1/groups${query}`, { signal })).groups;
}

/** Adds a group to a desk the user administers. */
export async function createGroup(desk: string, name: string): Promise<Group> {
  return (await request<GroupResponse>('POST', '/api/v1/groups', { body: { desk, name } })).group;
}

/** Deletes a group (not the escalation group, nor one that still guards cases). */
export function deleteGroup(id: string): Promise<void> {
  return request<undefined>('DELETE', `/api/v1/groups/${encodeURIComponent(id)}`);
}

/** Adds someone (the admin themself included: audited) to a group. */
export async function addGroupMember(id: string, staffId: string): Promise<Group> {
  return (await request<GroupResponse>('POST', `/api/v1/groups/${encodeURIComponent(id)}/members`, { body: { staffId } })).group;
}

/** Removes someone from a group: from their next request, its cases do not exist for them. */
export async function removeGroupMember(id: string, staffId: string): Promise<Group> {
  return (await request<GroupResponse>('DELETE', `/api/v1/groups/${encodeURIComponent(id)}/members/${encodeURIComponent(staffId)}`)).group;
}

/** Restricts a case to a group of its desk, or lifts the restriction (null). */
export function restrictCase(reference: string, group: string | null): Promise<RestrictionResponse> {
  return request<RestrictionResponse>('POST', `${casePath(reference)}/restriction`, { body: { group } });
}

/** Recuses the user from a case: it disappears for them. */
export async function recuseFromCase(reference: string, reason: string): Promise<void> {
  await request<{ recused: true }>('POST', `${casePath(reference)}/recusal`, { body: reason.trim() === '' ? {} : { reason } });
}

/** The wiki accounts linked to the user. */
export async function listLinkedAccounts(signal?: AbortSignal): Promise<LinkedAccountsResponse['accounts']> {
  return (await request<LinkedAccountsResponse>('GET', '/api/v1/session/accounts', { signal })).accounts;
}

/** Links a wiki account name to the user: cases naming it are recused for them. */
export async function linkAccount(name: string): Promise<LinkedAccountsResponse['accounts']> {
  return (await request<LinkedAccountsResponse>('POST', '/api/v1/session/accounts', { body: { name } })).accounts;
}

/** Unlinks one of the user's account names (recusals it caused stay). */
export async function unlinkAccount(name: string): Promise<LinkedAccountsResponse['accounts']> {
  return (await request<LinkedAccountsResponse>('DELETE', `/api/v1/session/accounts/${encodeURIComponent(name)}`)).accounts;
}

export type { ReferralResponse, VenueAddressesResponse } from '../../src/shared/api/referrals.js';

/** A case's referral: the packet it would send (what it holds, what it leaves out and why) and the referrals sent. */
export function getReferral(reference: string, signal?: AbortSignal): Promise<ReferralResponse> {
  return request<ReferralResponse>('GET', `${casePath(reference)}/referral`, { signal });
}

/** Sends the referral packet, with the handler's summary, to the venue the case is routed to. */
export function sendReferral(reference: string, summary: string): Promise<ReferralResponse> {
  return request<ReferralResponse>('POST', `${casePath(reference)}/referral`, { body: { summary } });
}

/** Records the venue's answer to the open referral. */
export function answerReferral(reference: string, answer: string): Promise<ReferralResponse> {
  return request<ReferralResponse>('POST', `${casePath(reference)}/referral/answer`, { body: { answer } });
}

/** Takes the case back from the venue, with a reason. */
export function takeBackReferral(reference: string, reason: string): Promise<ReferralResponse> {
  return request<ReferralResponse>('POST', `${casePath(reference)}/referral/take-back`, { body: { reason } });
}

/** Sets (or with null removes) where a desk's referral venue is written to; admins only. */
export function setVenueAddress(desk: string, venue: string, email: string | null): Promise<VenueAddressesResponse> {
  return request<VenueAddressesResponse>('PUT', `/api/v1/desks/${encodeURIComponent(desk)}/venue-addresses/${encodeURIComponent(venue)}`, { body: { email } });
}

/** Merges this case (a duplicate) into another open case of the desk; answers with the surviving case. */
export async function mergeCase(reference: string, into: string, reason: string): Promise<CaseDetail> {
  return (await request<CaseResponse>('POST', `${casePath(reference)}/merge`, { body: { into, reason } })).case;
}

/** Marks evidence as personal information (its address then shown only on a logged request), or unmarks it. */
export async function markEvidence(reference: string, evidenceId: string, personalInformation: boolean): Promise<CaseDetail> {
  return (await request<CaseResponse>('PUT', `${casePath(reference)}/evidence/${encodeURIComponent(evidenceId)}/marking`, { body: { personalInformation } })).case;
}
