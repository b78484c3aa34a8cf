import { findCase } from '../../../src/db/repositories/cases.js';
import { listParties } from '../../../src/db/repositories/case-parts.js';
import { findAccessByCodeHash } from '../../../src/db/repositories/reporter-access.js';
import { addReporterInformation } from '../../../src/services/add-reporter-information.js';
import { hashAccessCode } from '../../../src/services/security/access-code.js';
import { sendReply } from '../../../src/services/send-reply.js';
import type { MadeCase } from './cases.js';
import { makeStaff, staffActor } from './staff.js';
import type { FactoryTarget } from './target.js';

/** A staff reply to a party (default: the reporter), or the reporter writing in with new information. */
export type MessageOverrides =
  | {
    from?: 'staff';
    /** Who replies (with the roles they hold); default: a new handler on the case's desk. */
    author?: { id: string };
    /** Default: the reporter's party. */
    partyId?: string;
    body?: string;
    promiseUpdateBy?: Date | null;
  }
  | { from: 'reporter'; body?: string; links?: string[] };

let counter = 0;

/**
 * A message in a case thread, written by the same service as the console's reply form or
 * the reporter's status page, with everything that comes with it (clocks, events, jobs, audit).
 */
export async function makeMessage(t: FactoryTarget, kase: MadeCase, overrides: MessageOverrides = {}): Promise<void> {
  counter += 1;
  if (overrides.from === 'reporter') {
    const access = await findAccessByCodeHash(t.ctx.db, hashAccessCode(kase.accessCode));
    if (access === null) throw new Error(`makeMessage: the access code of ${kase.reference} is not live`);
    const session = { accessId: access.id, caseId: access.caseId, partyId: access.partyId, csrfToken: '' };
    await addReporterInformation(t.ctx, session, { text: overrides.body ?? `More information, number ${counter}.`, links: overrides.links ?? [] });
    return;
  }
  const author = overrides.author ?? await makeStaff(t, { role: 'handler', desk: (await findCase(t.ctx.db, { id: kase.id }))?.desk.slug });
  const partyId = overrides.partyId ?? (await listParties(t.ctx.db, kase.id)).find((p) => p.role === 'reporter')?.id;
  if (partyId === undefined) throw new Error(`makeMessage: ${kase.reference} has no reporter party`);
  await sendReply(t.ctx, await staffActor(t, author.id), kase.reference, {
    partyId, body: overrides.body ?? `Reply number ${counter}: thank you, we are looking into it.`, promiseUpdateBy: overrides.promiseUpdateBy ?? null,
  });
}
