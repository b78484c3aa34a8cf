import { newId } from '../shared/ids.js';
import { advanceSweepMark, claimSweepWindow, listNewCasesDueBetween } from '../db/repositories/clock-sweep.js';
import { enqueueJobs } from '../db/repositories/jobs.js';
import { listDesks } from '../db/repositories/desks.js';
import type { ServiceContext } from './context.js';
import { CASE_REMINDER_JOB, type CaseReminderPayload } from './job-kinds.js';

const SWEEP = 'sweep.first_response';
/** On the very first sweep, look back this far, so reports already overdue at an upgrade are not forgotten. */
const FIRST_LOOK_BACK_MS = 72 * 3_600_000;
/** A stretch with more due cases than this is finished by the next sweep, keeping each transaction short. */
const BATCH = 500;

/**
 * Queues a reminder for every new report whose first-response time has passed since the last
 * sweep. Intake does not queue these itself, so that filing a report stays one short
 * transaction; the sweep instead walks forward through time, each stretch claimed once
 * (see claimSweepWindow), so each case is reminded once however many processes sweep.
 * Returns how many reminders it queued.
 */
export async function sweepFirstResponseClocks(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const window = await claimSweepWindow(trx, ctx.dialect, { name: SWEEP, now, firstFrom: new Date(now.getTime() - FIRST_LOOK_BACK_MS) });
    if (window === null) return 0;
    const deskIds = (await listDesks(trx)).map((d) => d.id);
    const due = await listNewCasesDueBetween(trx, { ...window, deskIds, limit: BATCH });
    // A full batch may have left cases due at the same moment as its last one: stop the mark
    // just before that moment so the next sweep takes all of them (none twice: the earlier ones
    // are strictly before the new mark).
    const last = due.at(-1);
    let to = due.length === BATCH && last !== undefined ? new Date(last.dueAt.getTime() - 1) : window.to;
    // All of a full batch due at one moment: take that moment whole rather than stand still.
    if (last !== undefined && to.getTime() <= window.from.getTime()) to = last.dueAt;
    const counted = due.filter((c) => c.dueAt.getTime() <= to.getTime());
    await enqueueJobs(trx, counted.map((c) => {
      const payload: CaseReminderPayload = { caseId: c.id, clock: 'first_response', stage: 'due', dueAt: c.dueAt.toISOString() };
      return { id: newId(now.getTime()), kind: CASE_REMINDER_JOB, payload, runAt: now, maxAttempts: 8 };
    }), now);
    await advanceSweepMark(trx, SWEEP, to);
    return counted.length;
  });
}
