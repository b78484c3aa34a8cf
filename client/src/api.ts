import type { CaseDetail, CaseResponse, QueueQuery, QueueResponse, ReplyBody } from '../../src/shared/api/cases.js';
import type { CaseCounts, CountsQuery } from '../../src/shared/api/reporting.js';
import type { StaffSession } from '../../src/shared/api/session.js';
import { readFieldErrors, type FieldErrors } from './field-errors';
import type { DeskTrainingRequirements, TeamTraining } from '../../src/shared/api/training';
import type { ReviewResponse, RoutingFactsBody, RoutingResponse, SignOffBody, TriageBody, VenueChoiceBody } from '../../src/shared/api/routing.js';

// What the console sends and receives is the server's own contract (src/shared/api),
// imported as types only, so zod stays out of the bundle.
export type { CaseDetail, CaseMessage, CaseSummary, Evidence, Party, TimelineActor, TimelineEntry } from '../../src/shared/api/cases.js';
export type { CaseCounts, CountsQuery } from '../../src/shared/api/reporting.js';
export type { StaffDesk, StaffSession, StaffUser } from '../../src/shared/api/session.js';

/** The queue filters the console offers (the desk only to someone on several). */
export type CaseFilters = Pick<QueueQuery, 'desk' | 'status' | 'category'>;

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
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown; modules?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    fields = readFieldErrors(body.error?.fields);
    modules = readModules(body.error?.modules);
  } catch {
    // Not JSON (a proxy error page, say): the status alone tells us enough.
  }
  // A 401 on the session endpoint is an answer (not signed in, wrong password,
  // already signed out); anywhere else it means the session ended while the page was open.
  if (response.status === 401 && path !== SESSION_PATH) {
    csrfToken = null;
    sessionEnded();
  }
  return new ApiError(response.status, code, message, fields, modules);
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
