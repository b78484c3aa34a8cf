import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { adjustCase, makeCase, makeStaff, staffActor } from '../../tests/support/factories.js';
import { CASE_STATUSES, OPEN_MOVES, type CaseStatus } from '../domain/case-lifecycle.js';
import { WAITING_ON } from '../domain/waiting.js';
import { manualMoves } from '../domain/status-moves.js';
import type { Actor } from '../domain/access-policy.js';
import { findCase, type CaseRecord } from '../db/repositories/cases.js';
import { listEvents } from '../db/repositories/case-events.js';
import { findPartyMessagesStopped } from '../db/repositories/case-work.js';
import type { ReporterSessionRow } from '../db/repositories/reporter-access.js';
import { AppError } from './errors.js';
import { moveCaseStatus } from './move-case-status.js';
import { addReporterInformation } from './add-reporter-information.js';
import { reopenCase } from './reopen-case.js';
import { requestWithdrawal } from './request-withdrawal.js';
import { continueAfterWithdrawal } from './continue-after-withdrawal.js';
import { resumeReporterMessages } from './resume-reporter-messages.js';

// Random sequences of everything a handler and a reporter can do to a case, run through the
// real services on a real database: no sequence reaches an invalid state, a refused command
// changes nothing, and the timeline records every status move that happened.

type Command =
  | { kind: 'move'; to: CaseStatus; waitingOn: (typeof WAITING_ON)[number]; days: number }
  /** A move the lifecycle allows now (the `pick`-th), so long legal paths are walked as often as refusals. */
  | { kind: 'legal_move'; pick: number; waitingOn: (typeof WAITING_ON)[number]; days: number }
  | { kind: 'reporter_info' } | { kind: 'reopen' } | { kind: 'withdraw' } | { kind: 'continue' } | { kind: 'resume' }
  | { kind: 'close' } | { kind: 'wait_hours'; hours: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('legal_move' as const), pick: fc.nat(3), waitingOn: fc.constantFrom(...WAITING_ON), days: fc.integer({ min: 1, max: 14 }) }),
  fc.record({ kind: fc.constant('legal_move' as const), pick: fc.nat(3), waitingOn: fc.constantFrom(...WAITING_ON), days: fc.integer({ min: 1, max: 14 }) }),
  fc.record({ kind: fc.constant('move' as const), to: fc.constantFrom(...CASE_STATUSES), waitingOn: fc.constantFrom(...WAITING_ON), days: fc.integer({ min: 1, max: 14 }) }),
  fc.constantFrom<Command>({ kind: 'reporter_info' }, { kind: 'reopen' }, { kind: 'withdraw' }, { kind: 'continue' }, { kind: 'resume' }, { kind: 'close' }),
  fc.record({ kind: fc.constant('wait_hours' as const), hours: fc.integer({ min: 1, max: 24 * 10 }) }),
);

function checkInvariants(kase: CaseRecord, where: string): void {
  expect(CASE_STATUSES, where).toContain(kase.status);
  // Waiting, and only waiting, has someone to wait on, and then the queue orders by the silence reminder.
  expect(kase.waiting !== null, where).toBe(kase.status === 'waiting');
  if (kase.waiting !== null) expect(kase.urgentAt.getTime(), where).toBe(kase.waiting.remindAt.getTime());
  // Closed, and only closed, has an outcome and a closing time.
  expect(kase.closedAt !== null, where).toBe(kase.status === 'closed');
  expect(kase.outcome !== null, where).toBe(kase.status === 'closed');
}

describe.each(testDialects())('the lifecycle under every command, on %s', (dialect) => {
  let t: TestApp;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: new Date('2026-08-03T09:00:00.000Z') });
    actor = await staffActor(t, (await makeStaff(t, { role: 'handler' })).id);
  });
  afterAll(async () => { await t.close(); });

  it('reaches no invalid state, and a refused command changes nothing', async () => {
    const startAt = fc.constantFrom<CaseStatus>('new', 'acknowledged', 'investigating', 'waiting', 'closed');
    await fc.assert(fc.asyncProperty(startAt, fc.array(command, { minLength: 1, maxLength: 12 }), async (initial, commands) => {
      // A case starts where a factory can put it; 'waiting' starts through the service, since a wait needs its clocks.
      const made = await makeCase(t, { assigneeId: actor.id, status: initial === 'waiting' ? 'investigating' : initial });
      if (initial === 'waiting') await moveCaseStatus(t.ctx, actor, made.reference, { to: 'waiting', waitingOn: 'reporter' });
      const access = await t.ctx.db.selectFrom('reporter_access').select(['id', 'party_id']).where('case_id', '=', made.id).executeTakeFirstOrThrow();
      const session: ReporterSessionRow = { accessId: access.id, caseId: made.id, partyId: access.party_id, csrfToken: 'unused' };
      const load = async () => (await findCase(t.ctx.db, { id: made.id }))!;
      let moves = 0;
      for (const [i, c] of commands.entries()) {
        const before = await load();
        const where = `${i}: ${JSON.stringify(c)} from ${before.status}`;
        const statusEvents = async () => (await listEvents(t.ctx.db, made.id)).filter((e) => e.type === 'status_changed').length;
        const eventsBefore = await statusEvents();
        try {
          switch (c.kind) {
            case 'move': await moveCaseStatus(t.ctx, actor, made.reference, c.to === 'waiting' ? { to: c.to, waitingOn: c.waitingOn, remindAfterDays: c.days } : { to: c.to }); break;
            case 'legal_move': {
              const moves = manualMoves(before.status);
              const to = moves[c.pick % Math.max(1, moves.length)];
              if (to !== undefined) await moveCaseStatus(t.ctx, actor, made.reference, to === 'waiting' ? { to, waitingOn: c.waitingOn, remindAfterDays: c.days } : { to });
              break;
            }
            case 'reporter_info': await addReporterInformation(t.ctx, session, { text: 'More detail.', links: [] }); break;
            case 'reopen': await reopenCase(t.ctx, actor, made.reference, 'New information.'); break;
            case 'withdraw': await requestWithdrawal(t.ctx, session); break;
            case 'continue': await continueAfterWithdrawal(t.ctx, actor, made.reference, 'We keep looking.'); break;
            case 'resume': await resumeReporterMessages(t.ctx, session); break;
            // Closing belongs to the close route (another change); here the case is closed as a factory would.
            case 'close': if (before.status !== 'closed') await adjustCase(t, made.id, { status: 'closed', outcome: 'withdrawn' }); break;
            case 'wait_hours': t.setNow(new Date(t.ctx.now().getTime() + c.hours * 3_600_000)); break;
          }
        } catch (error) {
          if (!(error instanceof AppError) || !['illegal_transition', 'conflict', 'validation_failed'].includes(error.code)) throw error;
          // A refusal leaves the case exactly as it was.
          expect(await load(), where).toEqual(before);
          expect(await statusEvents(), where).toBe(eventsBefore);
          if (c.kind === 'move' && c.to !== 'closed' && before.status !== 'closed') expect(OPEN_MOVES[before.status], where).not.toContain(c.to);
        }
        const after = await load();
        checkInvariants(after, where);
        if (after.status !== before.status && c.kind !== 'close') moves += 1;
        if (c.kind === 'close') expect(after.status).toBe('closed');
        // The reporter who asked to stop is written to again only when they ask.
        if (c.kind === 'withdraw' && before.status !== 'closed') expect(await findPartyMessagesStopped(t.ctx.db, session.partyId), where).not.toBeNull();
      }
      // Every status change a command made (not the factory's closes) is on the timeline.
      const recorded = (await listEvents(t.ctx.db, made.id)).filter((e) => e.type === 'status_changed').length;
      expect(recorded).toBeGreaterThanOrEqual(moves);
    }), { numRuns: 25 });
  });
});
