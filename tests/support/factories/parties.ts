import { insertParties, type NewParty } from '../../../src/db/repositories/case-parts.js';
import { sealContact } from '../../../src/services/security/contact-seal.js';
import { storeAccountName } from '../../../src/services/party-details.js';
import { newId } from '../../../src/shared/ids.js';
import type { FactoryTarget } from './target.js';

/** Overrides for `makeParty`; a reported account with a made-up name by default. */
export interface PartyOverrides {
  role?: Exclude<NewParty['role'], 'reporter'>;
  username?: string | null;
  /** Sealed with the app's cipher, as intake seals a reporter's address. */
  contactEmail?: string;
  createdAt?: Date;
}

export interface MadeParty { id: string; role: NewParty['role']; username: string | null }

let counter = 0;

/** Adds a party to an existing case through the parties repository. */
export async function makeParty(t: FactoryTarget, caseId: string, overrides: PartyOverrides = {}): Promise<MadeParty> {
  counter += 1;
  const createdAt = overrides.createdAt ?? t.ctx.now();
  const id = newId(createdAt.getTime());
  const role = overrides.role ?? 'reported';
  const username = overrides.username === undefined ? `Made-party-${counter}` : overrides.username;
  // Stored as the services store it: sealed unless the party is a reported person.
  const party: NewParty = {
    id, caseId, role, ...storeAccountName(t.ctx.cipher, id, role, username),
    contactEmailEnc: overrides.contactEmail === undefined ? null : sealContact(t.ctx.cipher, overrides.contactEmail, id),
    createdAt,
  };
  await insertParties(t.ctx.db, [party]);
  return { id: party.id, role: party.role, username };
}
