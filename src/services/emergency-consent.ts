import type { PartyConsent } from '../domain/consent.js';
import type { HavenDb } from '../db/connection.js';

/**
 * The reporter's stored consent, as the emergency packet asks it ("may their contact address go
 * to the emergency contact?"). No consent record is stored yet (the privacy work adds it), so
 * this answers `undefined`, which `mayShare` reads as "agreed to nothing": the packet leaves the
 * address out. The privacy work replaces the body of this one function with the stored record.
 */
export const reporterConsentFor: (db: HavenDb, caseId: string) => Promise<PartyConsent | undefined> = () => Promise.resolve(undefined);
