import type { TestApp } from '../../../../tests/support/test-app.js';
import { SEALED } from '../../../services/context.js';
import { STAFF_INVITATION_EMAIL_JOB, type StaffInvitationEmailPayload } from '../../../services/job-kinds.js';

/** A signed-in browser's headers for a change. */
export function as(who: { cookie: string; csrfToken: string }): Record<string, string> {
  return { cookie: who.cookie, 'x-csrf-token': who.csrfToken };
}

/** The token of the newest invitation email queued, opened as the worker would, with its job id. */
export async function latestInvitationToken(t: TestApp): Promise<{ token: string; jobId: string; payload: StaffInvitationEmailPayload }> {
  const job = await t.ctx.db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', STAFF_INVITATION_EMAIL_JOB)
    .orderBy('id', 'desc').executeTakeFirstOrThrow();
  const payload = JSON.parse(job.payload) as StaffInvitationEmailPayload;
  return { token: t.ctx.cipher.open(payload.tokenEnc, `${SEALED.invitationToken}:${job.id}`), jobId: job.id, payload };
}
