import { checkSanctions, sanctionHasExpiry, type SanctionRecord, type SanctionProblem } from '../domain/closing-actions.js';
import type { Outcome } from '../domain/case-lifecycle.js';
import type { PartyRow } from '../db/repositories/case-parts.js';
import { AppError, type FieldError } from './errors.js';

/** A request to close a case, as the route parsed it. */
export interface CloseInput {
  outcome: Outcome;
  closingRecord: { summary: string; findings: string };
  messages: { partyId: string; body: string }[];
  nextSteps: string | null;
  followUpAt: Date | null;
  duplicateOf: string | null;
  actions: SanctionRecord[] | null;
}

const MAX_FOLLOW_UP_DAYS = 365;
const DAY = 86_400_000;

const SANCTION_PROBLEMS: Record<SanctionProblem['problem'], string> = {
  missing_party: 'Say what was done about every reported person.',
  unknown_party: 'This is not a reported person of this case.',
  description_needed: 'Say in words what was done.',
  expiry_not_applicable: 'Only a block or a ban has an end date.',
};

/**
 * The checks of a close that are about the request, not the lifecycle (those are the guards'):
 * messages go to parties who can read them, once each; the outcome has what it needs (the
 * duplicated case, the actions), and nothing it cannot use; the follow-up is ahead. Throws a
 * field error (400) naming every problem, so nothing is written.
 */
export function checkCloseInput(input: CloseInput, parties: readonly PartyRow[], now: Date): void {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  input.messages.forEach((m, i) => {
    const party = parties.find((p) => p.id === m.partyId);
    if (party?.canReceiveReplies !== true) fields.push({ path: `messages.${i}.partyId`, message: 'Closing messages go only to someone on this case who holds an access code.' });
    if (seen.has(m.partyId)) fields.push({ path: `messages.${i}.partyId`, message: 'One closing message per person.' });
    seen.add(m.partyId);
  });
  if (input.outcome === 'duplicate' && input.duplicateOf === null) fields.push({ path: 'duplicateOf', message: 'Name the case this one duplicates.' });
  if (input.outcome !== 'duplicate' && input.duplicateOf !== null) fields.push({ path: 'duplicateOf', message: 'Only a duplicate names another case.' });
  if (input.outcome === 'action_taken') {
    const reported = parties.filter((p) => p.role === 'reported').map((p) => p.id);
    for (const problem of checkSanctions(input.actions ?? [], reported)) fields.push({ path: problem.path, message: SANCTION_PROBLEMS[problem.problem] });
    (input.actions ?? []).forEach((a, i) => {
      if (a.expiresAt !== null && sanctionHasExpiry(a.kind) && new Date(a.expiresAt).getTime() <= now.getTime()) {
        fields.push({ path: `actions.${i}.expiresAt`, message: 'The end date must be ahead.' });
      }
    });
  } else if ((input.actions ?? []).length > 0) {
    fields.push({ path: 'actions', message: 'Actions are recorded only when the outcome is action_taken.' });
  }
  if (input.followUpAt !== null) {
    const ahead = input.followUpAt.getTime() - now.getTime();
    if (ahead <= 0 || ahead > MAX_FOLLOW_UP_DAYS * DAY) fields.push({ path: 'followUpAt', message: `Choose a day within the next ${MAX_FOLLOW_UP_DAYS} days.` });
  }
  if (fields.length > 0) throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join(' '), fields);
}

/** The message as sent: a non-actionable close's next steps are always in it, added at the end if the handler did not write them in. */
export function withNextSteps(body: string, nextSteps: string | null, outcome: Outcome): string {
  if (outcome !== 'non_actionable' || nextSteps === null || nextSteps.trim() === '') return body;
  if (body.includes(nextSteps.trim())) return body;
  return body.trim() === '' ? body : `${body.trimEnd()}\n\n${nextSteps.trim()}`;
}
