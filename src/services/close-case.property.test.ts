import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../tests/support/test-app.js';
import { adjustCase, makeCase, makeStaff, revokeReporterAccess, staffActor } from '../../tests/support/factories.js';
import { OUTCOMES } from '../domain/case-lifecycle.js';
import { listParties } from '../db/repositories/case-parts.js';
import { latestClosing } from '../db/repositories/case-closings.js';
import { findCase } from '../db/repositories/cases.js';
import { listConversation } from '../db/repositories/messages.js';
import { closeCase } from './close-case.js';
import { AppError } from './errors.js';
import type { Actor } from '../domain/access-policy.js';

// Whatever a handler sends to the close (blank parts, missing messages, any outcome, a case that
// may need review, a reporter who may not be reachable), a case that ends up closed has its
// closing record, every reporter who could be reached got a closing message in that close, and
// a non-actionable close carried its next steps into that message. A refused close changes nothing.

// Mostly well-formed, so that many runs close; blanks often enough that refusals are tried too.
const text = fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: fc.constant('   '), weight: 1 }, { arbitrary: fc.constant('What was found, in words.'), weight: 6 });
let closedRuns = 0;

describe.each(testDialects())('closing, as a property, on %s', (dialect) => {
  let t: TestApp;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    actor = await staffActor(t, (await makeStaff(t, { role: 'handler' })).id);
  });
  afterAll(async () => { await t.close(); });

  it('never leaves a closed case without its record and its told reporters', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({
        outcome: fc.constantFrom(...OUTCOMES.filter((o) => o !== 'duplicate' && o !== 'action_taken')),
        summary: text, findings: text, tell: fc.boolean(), message: text, nextSteps: fc.option(text, { nil: null, freq: 4 }),
        reachable: fc.boolean(), requiresReview: fc.boolean(), inReview: fc.boolean(),
      }),
      async (c) => {
        const kase = await makeCase(t, { desk: 'main' });
        if (!c.reachable) await revokeReporterAccess(t, kase.id);
        if (c.requiresReview) await t.ctx.db.updateTable('cases').set({ requires_review: 1 }).where('id', '=', kase.id).execute();
        if (c.inReview) await adjustCase(t, kase.id, { status: 'in_review' });
        const reporter = (await listParties(t.ctx.db, kase.id)).find((p) => p.role === 'reporter');
        const messages = c.tell && c.reachable && reporter !== undefined ? [{ partyId: reporter.id, body: c.message }] : [];
        let refused: string | null = null;
        try {
          await closeCase(t.ctx, actor, kase.reference, {
            outcome: c.outcome, closingRecord: { summary: c.summary, findings: c.findings }, messages, nextSteps: c.nextSteps,
            followUpAt: null, duplicateOf: null, actions: null,
          });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refused = error.code;
        }
        const after = await findCase(t.ctx.db, { id: kase.id });
        const closing = await latestClosing(t.ctx.db, kase.id);
        const sent = (await listConversation(t.ctx.db, kase.id)).filter((m) => m.authorKind === 'staff');
        if (after?.status !== 'closed') {
          expect(refused).not.toBeNull();
          expect(closing).toBeNull();
          expect(sent).toEqual([]);
          return;
        }
        expect(refused).toBeNull();
        closedRuns += 1;
        expect(closing?.summary.trim()).not.toBe('');
        expect(closing?.findings.trim()).not.toBe('');
        expect(closing?.reviewedBy.map((r) => r.id)).toContain(actor.id);
        const reachable = (await listParties(t.ctx.db, kase.id)).filter((p) => p.canReceiveReplies);
        for (const party of reachable) {
          const told = sent.filter((m) => m.audience === `party:${party.id}` && m.createdAt.getTime() === closing?.closedAt.getTime());
          expect(told).toHaveLength(1);
          if (c.outcome === 'non_actionable') expect(told[0]?.body).toContain((c.nextSteps ?? '?').trim());
        }
        // Review is never skipped for the outcomes that need it.
        if (c.requiresReview) expect(c.outcome === 'withdrawn').toBe(true);
      },
    ), { numRuns: 40 });
    // The property means something only if some closes went through.
    expect(closedRuns).toBeGreaterThan(3);
  });
});
